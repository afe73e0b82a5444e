using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SalesRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProductMonthSales",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoreKey = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false),
                    PricedLines = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductMonthSales", x => new { x.Month, x.StoreKey, x.ProductId });
                });

            migrationBuilder.CreateTable(
                name: "RollupDirtyMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupDirtyMonths", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RollupDirtyMonths_Month",
                table: "RollupDirtyMonths",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProductMonthSales");

            migrationBuilder.DropTable(
                name: "RollupDirtyMonths");
        }
    }
}
