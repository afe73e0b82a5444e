using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Seconds = table.Column<double>(type: "float", nullable: true),
                    StartedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    Customers = table.Column<int>(type: "int", nullable: false),
                    K = table.Column<int>(type: "int", nullable: false),
                    KChosenByUser = table.Column<bool>(type: "bit", nullable: false),
                    KScores = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Features = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    IsCurrent = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    GeneratedName = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    RenamedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Size = table.Column<int>(type: "int", nullable: false),
                    RevenueShare = table.Column<double>(type: "float", nullable: false),
                    MedianRecencyDays = table.Column<double>(type: "float", nullable: false),
                    MedianFrequency = table.Column<double>(type: "float", nullable: false),
                    MedianMonetary = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Profile = table.Column<string>(type: "nvarchar(max)", nullable: false)
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
                    RunId = table.Column<int>(type: "int", nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    SegmentId = table.Column<int>(type: "int", nullable: false),
                    RecencyScore = table.Column<byte>(type: "tinyint", nullable: false),
                    FrequencyScore = table.Column<byte>(type: "tinyint", nullable: false),
                    MonetaryScore = table.Column<byte>(type: "tinyint", nullable: false),
                    RfmSegment = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    RecencyDays = table.Column<int>(type: "int", nullable: false),
                    Frequency = table.Column<int>(type: "int", nullable: false),
                    Monetary = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    MapX = table.Column<float>(type: "real", nullable: false),
                    MapY = table.Column<float>(type: "real", nullable: false)
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
