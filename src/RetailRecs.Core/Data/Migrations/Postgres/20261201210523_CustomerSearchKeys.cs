using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_Email",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_LastName",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_LoyaltyNumber",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Phone",
                table: "Customers");

            migrationBuilder.AddColumn<string>(
                name: "SearchEmail",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SearchFirstName",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SearchLastName",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SearchLoyaltyNumber",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SearchPhone",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SearchPhoneReversed",
                table: "Customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchEmail",
                table: "Customers",
                column: "SearchEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchFirstName",
                table: "Customers",
                column: "SearchFirstName");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchLastName",
                table: "Customers",
                column: "SearchLastName");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchLoyaltyNumber",
                table: "Customers",
                column: "SearchLoyaltyNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchPhone",
                table: "Customers",
                column: "SearchPhone");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchPhoneReversed",
                table: "Customers",
                column: "SearchPhoneReversed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchEmail",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchFirstName",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchLastName",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchLoyaltyNumber",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchPhone",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchPhoneReversed",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchEmail",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchFirstName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchLastName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchLoyaltyNumber",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchPhone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchPhoneReversed",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Email",
                table: "Customers",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LastName",
                table: "Customers",
                column: "LastName");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_LoyaltyNumber",
                table: "Customers",
                column: "LoyaltyNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Phone",
                table: "Customers",
                column: "Phone");
        }
    }
}
