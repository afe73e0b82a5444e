using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ModelRuns",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ImportBatches",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "EvaluationRuns",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProcessHeartbeats",
                columns: table => new
                {
                    Owner = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    BeatAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
