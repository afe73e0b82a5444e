using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "SegmentationRuns",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ModelRuns",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "EvaluationRuns",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProcessHeartbeats",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BeatAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessHeartbeats", x => x.Owner);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProcessHeartbeats");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "SegmentationRuns");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "EvaluationRuns");
        }
    }
}
