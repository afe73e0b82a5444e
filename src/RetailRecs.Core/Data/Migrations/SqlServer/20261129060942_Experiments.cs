using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Hypothesis = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Variants = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    PrimaryMetric = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Guardrails = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    AttributionDays = table.Column<int>(type: "int", nullable: false),
                    PlannedDays = table.Column<int>(type: "int", nullable: false),
                    PlannedUnitsPerVariant = table.Column<int>(type: "int", nullable: true),
                    IsAA = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    StartedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    StoppedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Winner = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentExposures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ExperimentId = table.Column<int>(type: "int", nullable: false),
                    Variant = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UnitKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    ProductIds = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ShownCount = table.Column<int>(type: "int", nullable: false),
                    ModelRunId = table.Column<int>(type: "int", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false)
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
