using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SignInFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatusCode",
                table: "IdempotencyRecords");

            migrationBuilder.CreateTable(
                name: "SignInFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ClientKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AccountKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    FailedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StreakEnded = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInFailures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_AccountKey_FailedAt",
                table: "SignInFailures",
                columns: new[] { "AccountKey", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_ClientKey_FailedAt",
                table: "SignInFailures",
                columns: new[] { "ClientKey", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_FailedAt",
                table: "SignInFailures",
                column: "FailedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInFailures");

            migrationBuilder.AddColumn<int>(
                name: "StatusCode",
                table: "IdempotencyRecords",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }
    }
}
