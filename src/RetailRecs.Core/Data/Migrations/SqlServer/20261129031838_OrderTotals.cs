using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OrderTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Items",
                table: "Orders",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "Orders",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlacedOn",
                table: "Orders",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<decimal>(
                name: "Revenue",
                table: "Orders",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            // Orders stored before this migration get their totals from their lines.
            migrationBuilder.Sql("""
UPDATE o SET
    PlacedOn = CAST(o.PlacedAt AS date),
    Revenue = COALESCE(t.Revenue, 0),
    Items = COALESCE(t.Items, 0),
    LineCount = COALESCE(t.Lines, 0)
FROM Orders o
LEFT JOIN (SELECT OrderId, SUM(Quantity * UnitPrice) AS Revenue, SUM(Quantity) AS Items, COUNT(*) AS Lines FROM OrderLines GROUP BY OrderId) t ON t.OrderId = o.Id;
""");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_IsCancellation_PlacedOn",
                table: "Orders",
                columns: new[] { "IsCancellation", "PlacedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_IsCancellation_PlacedOn",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Items",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LineCount",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "PlacedOn",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "Revenue",
                table: "Orders");
        }
    }
}
