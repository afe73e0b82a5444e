using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Opens a stored run's artifact as a stream that reads the job's shared part straight from the database. An ordinary
/// query reads the whole row first: Npgsql does that into a buffer rented from the process's shared array pool, which
/// keeps the buffer after the load (64 MiB beside a ten-store chain's champion, 512 MiB beside a hundred stores'),
/// and then copies the bytes into an array of their own. Read in sequence, the part is decompressed as it arrives.
/// The price: the decompressor reads the column synchronously and a load, once started, is not cancelled midway (about
/// a second at 10×, eight at 100×); and these commands bypass EF's interceptors and logging.
/// </summary>
internal static class StoredArtifactReader
{
    /// <returns>The artifact's bytes in order, or null when the run has no stored model.</returns>
    public static async Task<Stream?> OpenAsync(RetailDbContext db, int runId, CancellationToken ct)
    {
        byte[] own;
        int? partId, partAt;
        await using (var row = await BlobRow.OpenAsync(db, typeof(ModelRunArtifact), nameof(ModelRunArtifact.ModelRunId), runId,
                         [nameof(ModelRunArtifact.SharedPartId), nameof(ModelRunArtifact.SharedPartAt), nameof(ModelRunArtifact.Data)], ct))
        {
            if (!await row.Reader.ReadAsync(ct))
            {
                return null;
            }
            // In sequential access the columns are read in the order they were asked for, each once.
            partId = await row.Reader.IsDBNullAsync(0, ct) ? null : row.Reader.GetInt32(0);
            partAt = await row.Reader.IsDBNullAsync(1, ct) ? null : row.Reader.GetInt32(1);
            own = await row.Reader.GetFieldValueAsync<byte[]>(2, ct);
        }
        if (partId is not { } id)
        {
            return StoredArtifact.Open(own, (Stream?)null, partAt);
        }
        var part = await BlobRow.OpenAsync(db, typeof(ModelArtifactPart), nameof(ModelArtifactPart.Id), id, [nameof(ModelArtifactPart.Data)], ct);
        Stream column;
        try
        {
            if (!await part.Reader.ReadAsync(ct))
            {
                throw new InvalidDataException($"Model run {runId}'s shared part {id} is missing from the database; train the model again.");
            }
            column = part.Reader.GetStream(0);
        }
        catch
        {
            await part.DisposeAsync();
            throw;
        }
        // From here the stream owns the query: Open disposes it if the run's bytes say the part does not fit.
        return StoredArtifact.Open(own, new OwnedStream(column, part), partAt);
    }

    /// <summary>One row's columns read in sequence; the command and reader live as long as the stream reading them.</summary>
    private sealed class BlobRow : IAsyncDisposable, IDisposable
    {
        private readonly RetailDbContext _db;
        private readonly DbCommand _command;
        private readonly bool _openedConnection;

        private BlobRow(RetailDbContext db, DbCommand command, DbDataReader reader, bool openedConnection) =>
            (_db, _command, Reader, _openedConnection) = (db, command, reader, openedConnection);

        public DbDataReader Reader { get; }

        public static async Task<BlobRow> OpenAsync(RetailDbContext db, Type entity, string key, int value, string[] columns, CancellationToken ct)
        {
            var type = db.Model.FindEntityType(entity) ?? throw new InvalidOperationException($"{entity.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            string Column(string property) => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);

            var connection = db.Database.GetDbConnection();
            var opened = connection.State != ConnectionState.Open;
            if (opened)
            {
                await db.Database.OpenConnectionAsync(ct);
            }
            var command = connection.CreateCommand();
            try
            {
                command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(Column))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {Column(key)} = @key";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@key";
                parameter.Value = value;
                command.Parameters.Add(parameter);
                var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
                return new BlobRow(db, command, reader, opened);
            }
            catch
            {
                await command.DisposeAsync();
                if (opened)
                {
                    await db.Database.CloseConnectionAsync();
                }
                throw;
            }
        }

        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            // Once only: a reader disposed twice could end another query on the pooled connection it went back to.
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            await Reader.DisposeAsync();
            await _command.DisposeAsync();
            if (_openedConnection)
            {
                await _db.Database.CloseConnectionAsync();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            Reader.Dispose();
            _command.Dispose();
            if (_openedConnection)
            {
                _db.Database.CloseConnection();
            }
        }
    }

    /// <summary>A column's stream that also ends the query reading it.</summary>
    private sealed class OwnedStream(Stream inner, IDisposable owner) : Common.ReadOnlyForwardStream
    {
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                try
                {
                    inner.Dispose();
                }
                finally
                {
                    owner.Dispose();
                }
            }
            base.Dispose(disposing);
        }
    }
}
