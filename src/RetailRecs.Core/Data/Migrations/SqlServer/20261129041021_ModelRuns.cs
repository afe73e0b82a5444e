using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ModelRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Algorithm = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Parameters = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DataFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    DataTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Customers = table.Column<int>(type: "int", nullable: false),
                    Products = table.Column<int>(type: "int", nullable: false),
                    Purchases = table.Column<int>(type: "int", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TrainingSeconds = table.Column<double>(type: "float", nullable: true),
                    ArtifactBytes = table.Column<long>(type: "bigint", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Metrics = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    StartedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    IsChampion = table.Column<bool>(type: "bit", nullable: false),
                    PromotedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PromotedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelRunArtifacts",
                columns: table => new
                {
                    ModelRunId = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
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
