using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SharedArtifactPartsAndRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArtifactRemovedAt",
                table: "ModelRuns",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SharedPartAt",
                table: "ModelRunArtifacts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SharedPartId",
                table: "ModelRunArtifacts",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelArtifactParts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelArtifactParts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelRunArtifacts_SharedPartId",
                table: "ModelRunArtifacts",
                column: "SharedPartId");

            migrationBuilder.AddForeignKey(
                name: "FK_ModelRunArtifacts_ModelArtifactParts_SharedPartId",
                table: "ModelRunArtifacts",
                column: "SharedPartId",
                principalTable: "ModelArtifactParts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ModelRunArtifacts_ModelArtifactParts_SharedPartId",
                table: "ModelRunArtifacts");

            migrationBuilder.DropTable(
                name: "ModelArtifactParts");

            migrationBuilder.DropIndex(
                name: "IX_ModelRunArtifacts_SharedPartId",
                table: "ModelRunArtifacts");

            migrationBuilder.DropColumn(
                name: "ArtifactRemovedAt",
                table: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "SharedPartAt",
                table: "ModelRunArtifacts");

            migrationBuilder.DropColumn(
                name: "SharedPartId",
                table: "ModelRunArtifacts");
        }
    }
}
