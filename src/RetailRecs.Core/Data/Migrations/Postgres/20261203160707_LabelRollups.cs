using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
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
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            // A month's new bound equals its revenue unless one of its days sold at a negative total: those months are
            // refreshed (the dashboard reads them from the lines until then).
            migrationBuilder.Sql(@"UPDATE ""ProductMonthSales"" SET ""PositiveDayRevenue"" = ""Revenue"";");
            migrationBuilder.Sql(@"INSERT INTO ""RollupDirtyMonths"" (""Month"") SELECT DISTINCT CAST(date_trunc('month', ""Day"") AS date) FROM ""ProductDaySales"" WHERE ""Revenue"" < 0;");

            migrationBuilder.CreateTable(
                name: "CategoryDaySales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    IsNonMerchandise = table.Column<bool>(type: "boolean", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    PricedLines = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CategoryDaySales", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CountryDaySales",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    Member = table.Column<bool>(type: "boolean", nullable: false),
                    Country = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Items = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountryDaySales", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupLabelChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Label = table.Column<int>(type: "integer", nullable: false)
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
            migrationBuilder.Sql(@"INSERT INTO ""RollupLabelChanges"" (""Label"") VALUES (1), (2);");
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
