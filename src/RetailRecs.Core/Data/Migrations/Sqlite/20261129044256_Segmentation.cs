using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Segmentation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SegmentationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Seconds = table.Column<double>(type: "REAL", nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Customers = table.Column<int>(type: "INTEGER", nullable: false),
                    K = table.Column<int>(type: "INTEGER", nullable: false),
                    KChosenByUser = table.Column<bool>(type: "INTEGER", nullable: false),
                    KScores = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Features = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    GeneratedName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RenamedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    RevenueShare = table.Column<double>(type: "REAL", nullable: false),
                    MedianRecencyDays = table.Column<double>(type: "REAL", nullable: false),
                    MedianFrequency = table.Column<double>(type: "REAL", nullable: false),
                    MedianMonetary = table.Column<double>(type: "REAL", nullable: false),
                    Profile = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Segments_SegmentationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SegmentationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerSegments",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    SegmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecencyScore = table.Column<byte>(type: "INTEGER", nullable: false),
                    FrequencyScore = table.Column<byte>(type: "INTEGER", nullable: false),
                    MonetaryScore = table.Column<byte>(type: "INTEGER", nullable: false),
                    RfmSegment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecencyDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Monetary = table.Column<double>(type: "REAL", nullable: false),
                    MapX = table.Column<float>(type: "REAL", nullable: false),
                    MapY = table.Column<float>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSegments", x => new { x.RunId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CustomerSegments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CustomerSegments_SegmentationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SegmentationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CustomerSegments_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSegments_CustomerId",
                table: "CustomerSegments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSegments_SegmentId_CustomerId",
                table: "CustomerSegments",
                columns: new[] { "SegmentId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_SegmentationRuns_IsCurrent",
                table: "SegmentationRuns",
                column: "IsCurrent");

            migrationBuilder.CreateIndex(
                name: "IX_Segments_RunId_Number",
                table: "Segments",
                columns: new[] { "RunId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerSegments");

            migrationBuilder.DropTable(
                name: "Segments");

            migrationBuilder.DropTable(
                name: "SegmentationRuns");
        }
    }
}
