using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomerCohortMonths",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    FirstMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Customers = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerCohortMonths", x => new { x.Month, x.FirstMonth });
                });

            migrationBuilder.CreateTable(
                name: "CustomerMonthSales",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    CustomerKey = table.Column<int>(type: "integer", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Items = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerMonthSales", x => new { x.Month, x.StoreKey, x.CustomerKey });
                });

            migrationBuilder.CreateTable(
                name: "OrderDaySales",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    IsCancellation = table.Column<bool>(type: "boolean", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Items = table.Column<long>(type: "bigint", nullable: false),
                    Lines1 = table.Column<int>(type: "integer", nullable: false),
                    Lines2To5 = table.Column<int>(type: "integer", nullable: false),
                    Lines6To10 = table.Column<int>(type: "integer", nullable: false),
                    Lines11To20 = table.Column<int>(type: "integer", nullable: false),
                    Lines21To50 = table.Column<int>(type: "integer", nullable: false),
                    Lines51Up = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderDaySales", x => new { x.Day, x.StoreKey, x.IsCancellation });
                });

            migrationBuilder.CreateTable(
                name: "OrderHourCounts",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StoreKey = table.Column<int>(type: "integer", nullable: false),
                    Hour = table.Column<int>(type: "integer", nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderHourCounts", x => new { x.Day, x.StoreKey, x.Hour });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerMonthSales_CustomerKey_Month",
                table: "CustomerMonthSales",
                columns: new[] { "CustomerKey", "Month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerCohortMonths");

            migrationBuilder.DropTable(
                name: "CustomerMonthSales");

            migrationBuilder.DropTable(
                name: "OrderDaySales");

            migrationBuilder.DropTable(
                name: "OrderHourCounts");
        }
    }
}
