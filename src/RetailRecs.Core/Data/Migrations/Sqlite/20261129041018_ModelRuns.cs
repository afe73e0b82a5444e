using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModelRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AutoCategory",
                table: "Products",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DataFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DataTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Customers = table.Column<int>(type: "INTEGER", nullable: false),
                    Products = table.Column<int>(type: "INTEGER", nullable: false),
                    Purchases = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TrainingSeconds = table.Column<double>(type: "REAL", nullable: true),
                    ArtifactBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Metrics = table.Column<string>(type: "TEXT", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    IsChampion = table.Column<bool>(type: "INTEGER", nullable: false),
                    PromotedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PromotedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelRunArtifacts",
                columns: table => new
                {
                    ModelRunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRunArtifacts", x => x.ModelRunId);
                    table.ForeignKey(
                        name: "FK_ModelRunArtifacts_ModelRuns_ModelRunId",
                        column: x => x.ModelRunId,
                        principalTable: "ModelRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_IsChampion",
                table: "ModelRuns",
                column: "IsChampion");

            migrationBuilder.CreateIndex(
                name: "IX_ModelRuns_StartedAt",
                table: "ModelRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelRunArtifacts");

            migrationBuilder.DropTable(
                name: "ModelRuns");

            migrationBuilder.DropColumn(
                name: "AutoCategory",
                table: "Products");
        }
    }
}
