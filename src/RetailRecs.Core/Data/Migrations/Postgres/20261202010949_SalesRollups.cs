using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
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
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<double>(type: "double precision", nullable: false),
                    Units = table.Column<long>(type: "bigint", nullable: false),
                    PricedLines = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductMonthSales", x => new { x.Month, x.StoreKey, x.ProductId });
                });

            migrationBuilder.CreateTable(
                name: "RollupDirtyMonths",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false)
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
