using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SharedPartAt",
                table: "ModelRunArtifacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SharedPartId",
                table: "ModelRunArtifacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelArtifactParts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
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
