using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Hypothesis = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Variants = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PrimaryMetric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Guardrails = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AttributionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedUnitsPerVariant = table.Column<int>(type: "INTEGER", nullable: true),
                    IsAA = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StoppedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Winner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentExposures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExperimentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductIds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ShownCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelRunId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentExposures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_CustomerId",
                table: "ExperimentExposures",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_ExperimentId_OccurredAt",
                table: "ExperimentExposures",
                columns: new[] { "ExperimentId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Status",
                table: "Experiments",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExperimentExposures");

            migrationBuilder.DropTable(
                name: "Experiments");
        }
    }
}
