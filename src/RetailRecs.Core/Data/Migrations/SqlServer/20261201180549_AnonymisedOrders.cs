using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnonymisedOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsAnonymised",
                table: "Orders",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsAnonymised",
                table: "Orders");
        }
    }
}
