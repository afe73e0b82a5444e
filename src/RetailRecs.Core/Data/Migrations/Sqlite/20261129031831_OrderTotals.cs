using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LineCount",
                table: "Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlacedOn",
                table: "Orders",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<double>(
                name: "Revenue",
                table: "Orders",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            // Orders stored before this migration get their totals from their lines.
            migrationBuilder.Sql("""
UPDATE Orders SET
    PlacedOn = substr(PlacedAt, 1, 10),
    Revenue = COALESCE((SELECT SUM(Quantity * UnitPrice) FROM OrderLines WHERE OrderId = Orders.Id), 0),
    Items = COALESCE((SELECT SUM(Quantity) FROM OrderLines WHERE OrderId = Orders.Id), 0),
    LineCount = (SELECT COUNT(*) FROM OrderLines WHERE OrderId = Orders.Id);
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
