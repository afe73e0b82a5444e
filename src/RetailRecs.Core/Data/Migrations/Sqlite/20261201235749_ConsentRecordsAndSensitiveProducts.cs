using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsentRecordsAndSensitiveProducts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSensitive",
                table: "Products",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ImportBatchId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_ImportBatches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_CustomerId_Purpose_RecordedAt",
                table: "ConsentRecords",
                columns: new[] { "CustomerId", "Purpose", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_ImportBatchId",
                table: "ConsentRecords",
                column: "ImportBatchId");
            // Customers who objected before consent was kept as records (only the API could set it): one record each,
            // dated and attributed from the audit entry of the change where there is one.
            migrationBuilder.Sql("""
                INSERT INTO "ConsentRecords" ("CustomerId", "Purpose", "Granted", "RecordedAt", "Source", "RecordedBy")
                SELECT c."Id", 'Personalisation', 0,
                    COALESCE((SELECT a."At" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS TEXT) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC LIMIT 1), strftime('%Y-%m-%d %H:%M:%f', 'now')),
                    'Api',
                    (SELECT a."UserName" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS TEXT) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC LIMIT 1)
                FROM "Customers" c
                WHERE c."PersonalizationOptOut" = 1
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropColumn(
                name: "IsSensitive",
                table: "Products");
        }
    }
}
