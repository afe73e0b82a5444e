using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RetailRecs.Core.Data.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Granted = table.Column<bool>(type: "bit", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ImportBatchId = table.Column<int>(type: "int", nullable: true)
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
                    COALESCE((SELECT TOP 1 a."At" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS nvarchar(64)) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC), SYSUTCDATETIME()),
                    'Api',
                    (SELECT TOP 1 a."UserName" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS nvarchar(64)) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC)
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
