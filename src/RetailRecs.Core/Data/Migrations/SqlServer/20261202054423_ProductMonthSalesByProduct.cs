using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProductMonthSalesByProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ProductMonthSales_ProductMonth",
                table: "ProductMonthSales",
                columns: new[] { "ProductId", "Month", "StoreKey", "Revenue", "Units", "PricedLines" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProductMonthSales_ProductMonth",
                table: "ProductMonthSales");
        }
    }
}
