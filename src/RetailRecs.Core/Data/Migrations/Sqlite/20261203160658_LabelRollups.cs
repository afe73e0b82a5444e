using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LabelRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "PositiveDayRevenue",
                table: "ProductMonthSales",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            // A month's new bound equals its revenue unless one of its days sold at a negative total: those months are
            // refreshed (the dashboard reads them from the lines until then).
            migrationBuilder.Sql(@"UPDATE ProductMonthSales SET PositiveDayRevenue = Revenue;");
            migrationBuilder.Sql(@"INSERT INTO RollupDirtyMonths (Month) SELECT DISTINCT substr(Day, 1, 8) || '01' FROM ProductDaySales WHERE Revenue < 0;");

            migrationBuilder.CreateTable(
                name: "CategoryDaySales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoreKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    IsNonMerchandise = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false),
                    PricedLines = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryDaySales", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CountryDaySales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StoreKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Member = table.Column<bool>(type: "INTEGER", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    Items = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountryDaySales", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupLabelChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Label = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupLabelChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProductMonthSales_MonthRank",
                table: "ProductMonthSales",
                columns: new[] { "Month", "StoreKey", "PositiveDayRevenue", "ProductId" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_CategoryDaySales_Day_StoreKey",
                table: "CategoryDaySales",
                columns: new[] { "Day", "StoreKey" });

            migrationBuilder.CreateIndex(
                name: "IX_CountryDaySales_Day_StoreKey",
                table: "CountryDaySales",
                columns: new[] { "Day", "StoreKey" });

            migrationBuilder.CreateIndex(
                name: "IX_RollupLabelChanges_Label",
                table: "RollupLabelChanges",
                column: "Label");

            // Built by the next refresh.
            migrationBuilder.Sql(@"INSERT INTO RollupLabelChanges (Label) VALUES (1), (2);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CategoryDaySales");

            migrationBuilder.DropTable(
                name: "CountryDaySales");

            migrationBuilder.DropTable(
                name: "RollupLabelChanges");

            migrationBuilder.DropIndex(
                name: "IX_ProductMonthSales_MonthRank",
                table: "ProductMonthSales");

            migrationBuilder.DropColumn(
                name: "PositiveDayRevenue",
                table: "ProductMonthSales");
        }
    }
}
