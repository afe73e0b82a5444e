using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StreakEnded = table.Column<bool>(type: "INTEGER", nullable: false)
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
