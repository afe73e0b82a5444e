IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(128) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [LastSignInAt] datetime2 NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [UserId] nvarchar(450) NULL,
        [UserName] nvarchar(256) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [EntityType] nvarchar(64) NOT NULL,
        [EntityId] nvarchar(64) NULL,
        [Details] nvarchar(1000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [Customers] (
        [Id] int NOT NULL IDENTITY,
        [CustomerCode] nvarchar(64) NOT NULL,
        [FirstName] nvarchar(100) NULL,
        [LastName] nvarchar(100) NULL,
        [Email] nvarchar(256) NULL,
        [Phone] nvarchar(40) NULL,
        [LoyaltyNumber] nvarchar(40) NULL,
        [Country] nvarchar(64) NULL,
        [Region] nvarchar(64) NULL,
        [BirthYear] int NULL,
        [Gender] nvarchar(16) NULL,
        [JoinedOn] date NULL,
        [PersonalizationOptOut] bit NOT NULL,
        [HasFictionalProfile] bit NOT NULL,
        CONSTRAINT [PK_Customers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [ImportBatches] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [RowsRead] int NOT NULL,
        [RowsImported] int NOT NULL,
        [RowsRejected] int NOT NULL,
        [ImportedBy] nvarchar(256) NOT NULL,
        [Message] nvarchar(2000) NULL,
        CONSTRAINT [PK_ImportBatches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [Products] (
        [Id] int NOT NULL IDENTITY,
        [Sku] nvarchar(64) NOT NULL,
        [Name] nvarchar(256) NOT NULL,
        [Description] nvarchar(2000) NULL,
        [Category] nvarchar(128) NULL,
        [Brand] nvarchar(128) NULL,
        [UnitPrice] decimal(18,4) NOT NULL,
        [IsActive] bit NOT NULL,
        [IsNonMerchandise] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Products] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(32) NOT NULL,
        [Name] nvarchar(128) NOT NULL,
        [Country] nvarchar(64) NULL,
        [City] nvarchar(64) NULL,
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [ImportRejections] (
        [Id] bigint NOT NULL IDENTITY,
        [ImportBatchId] int NOT NULL,
        [RowNumber] int NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [RawRow] nvarchar(4000) NULL,
        CONSTRAINT [PK_ImportRejections] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportRejections_ImportBatches_ImportBatchId] FOREIGN KEY ([ImportBatchId]) REFERENCES [ImportBatches] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [InteractionEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [CustomerId] int NULL,
        [ProductId] int NOT NULL,
        [Type] nvarchar(16) NOT NULL,
        [Source] nvarchar(64) NOT NULL,
        [ModelRunId] int NULL,
        [ExperimentVariant] nvarchar(64) NULL,
        [StaffUserId] nvarchar(450) NULL,
        [OccurredAt] datetime2 NOT NULL,
        CONSTRAINT [PK_InteractionEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_InteractionEvents_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_InteractionEvents_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] int NOT NULL IDENTITY,
        [InvoiceNumber] nvarchar(32) NOT NULL,
        [CustomerId] int NULL,
        [StoreId] int NULL,
        [PlacedAt] datetime2 NOT NULL,
        [IsCancellation] bit NOT NULL,
        [ImportBatchId] int NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Orders_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_ImportBatches_ImportBatchId] FOREIGN KEY ([ImportBatchId]) REFERENCES [ImportBatches] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [LineNumber] int NOT NULL,
        [ProductId] int NOT NULL,
        [Quantity] int NOT NULL,
        [UnitPrice] decimal(18,4) NOT NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_OrderLines_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId] ON [AuditEntries] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Customers_CustomerCode] ON [Customers] ([CustomerCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Customers_Email] ON [Customers] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Customers_LastName] ON [Customers] ([LastName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Customers_LoyaltyNumber] ON [Customers] ([LoyaltyNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Customers_Phone] ON [Customers] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ImportBatches_Kind_Sha256] ON [ImportBatches] ([Kind], [Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_ImportRejections_ImportBatchId] ON [ImportRejections] ([ImportBatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_InteractionEvents_CustomerId_OccurredAt] ON [InteractionEvents] ([CustomerId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_InteractionEvents_OccurredAt] ON [InteractionEvents] ([OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_InteractionEvents_ProductId] ON [InteractionEvents] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrderLines_OrderId_LineNumber] ON [OrderLines] ([OrderId], [LineNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_OrderLines_ProductId] ON [OrderLines] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Orders_CustomerId_PlacedAt] ON [Orders] ([CustomerId], [PlacedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Orders_ImportBatchId] ON [Orders] ([ImportBatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_InvoiceNumber] ON [Orders] ([InvoiceNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Orders_PlacedAt] ON [Orders] ([PlacedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Orders_StoreId] ON [Orders] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE INDEX [IX_Products_Name] ON [Products] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Products_Sku] ON [Products] ([Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_Code] ON [Stores] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129014936_InitialCreate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129014936_InitialCreate', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129023309_NullablePrices'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Products]') AND [c].[name] = N'UnitPrice');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Products] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Products] ALTER COLUMN [UnitPrice] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129023309_NullablePrices'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderLines]') AND [c].[name] = N'UnitPrice');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [OrderLines] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [OrderLines] ALTER COLUMN [UnitPrice] decimal(18,4) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129023309_NullablePrices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129023309_NullablePrices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    ALTER TABLE [Orders] ADD [Items] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    ALTER TABLE [Orders] ADD [LineCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    ALTER TABLE [Orders] ADD [PlacedOn] date NOT NULL DEFAULT '0001-01-01';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    ALTER TABLE [Orders] ADD [Revenue] decimal(18,4) NOT NULL DEFAULT 0.0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    UPDATE o SET
        PlacedOn = CAST(o.PlacedAt AS date),
        Revenue = COALESCE(t.Revenue, 0),
        Items = COALESCE(t.Items, 0),
        LineCount = COALESCE(t.Lines, 0)
    FROM Orders o
    LEFT JOIN (SELECT OrderId, SUM(Quantity * UnitPrice) AS Revenue, SUM(Quantity) AS Items, COUNT(*) AS Lines FROM OrderLines GROUP BY OrderId) t ON t.OrderId = o.Id;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    CREATE INDEX [IX_Orders_IsCancellation_PlacedOn] ON [Orders] ([IsCancellation], [PlacedOn]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129031838_OrderTotals'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129031838_OrderTotals', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    ALTER TABLE [Products] ADD [AutoCategory] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    CREATE TABLE [ModelRuns] (
        [Id] int NOT NULL IDENTITY,
        [Algorithm] nvarchar(32) NOT NULL,
        [Parameters] nvarchar(4000) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [DataFrom] date NULL,
        [DataTo] date NULL,
        [Customers] int NOT NULL,
        [Products] int NOT NULL,
        [Purchases] int NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [TrainingSeconds] float NULL,
        [ArtifactBytes] bigint NULL,
        [Error] nvarchar(2000) NULL,
        [Metrics] nvarchar(max) NULL,
        [StartedBy] nvarchar(450) NOT NULL,
        [IsChampion] bit NOT NULL,
        [PromotedAt] datetime2 NULL,
        [PromotedBy] nvarchar(450) NULL,
        CONSTRAINT [PK_ModelRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    CREATE TABLE [ModelRunArtifacts] (
        [ModelRunId] int NOT NULL,
        [Data] varbinary(max) NOT NULL,
        CONSTRAINT [PK_ModelRunArtifacts] PRIMARY KEY ([ModelRunId]),
        CONSTRAINT [FK_ModelRunArtifacts_ModelRuns_ModelRunId] FOREIGN KEY ([ModelRunId]) REFERENCES [ModelRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    CREATE INDEX [IX_ModelRuns_IsChampion] ON [ModelRuns] ([IsChampion]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    CREATE INDEX [IX_ModelRuns_StartedAt] ON [ModelRuns] ([StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129041021_ModelRuns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129041021_ModelRuns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE TABLE [SegmentationRuns] (
        [Id] int NOT NULL IDENTITY,
        [Status] nvarchar(16) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Seconds] float NULL,
        [StartedBy] nvarchar(450) NOT NULL,
        [AsOf] date NULL,
        [Customers] int NOT NULL,
        [K] int NOT NULL,
        [KChosenByUser] bit NOT NULL,
        [KScores] nvarchar(4000) NOT NULL,
        [Features] nvarchar(4000) NOT NULL,
        [Error] nvarchar(2000) NULL,
        [IsCurrent] bit NOT NULL,
        CONSTRAINT [PK_SegmentationRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE TABLE [Segments] (
        [Id] int NOT NULL IDENTITY,
        [RunId] int NOT NULL,
        [Number] int NOT NULL,
        [Name] nvarchar(80) NOT NULL,
        [GeneratedName] nvarchar(80) NOT NULL,
        [RenamedBy] nvarchar(450) NULL,
        [Size] int NOT NULL,
        [RevenueShare] float NOT NULL,
        [MedianRecencyDays] float NOT NULL,
        [MedianFrequency] float NOT NULL,
        [MedianMonetary] decimal(18,4) NOT NULL,
        [Profile] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Segments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Segments_SegmentationRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [SegmentationRuns] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE TABLE [CustomerSegments] (
        [RunId] int NOT NULL,
        [CustomerId] int NOT NULL,
        [SegmentId] int NOT NULL,
        [RecencyScore] tinyint NOT NULL,
        [FrequencyScore] tinyint NOT NULL,
        [MonetaryScore] tinyint NOT NULL,
        [RfmSegment] nvarchar(40) NOT NULL,
        [RecencyDays] int NOT NULL,
        [Frequency] int NOT NULL,
        [Monetary] decimal(18,4) NOT NULL,
        [MapX] real NOT NULL,
        [MapY] real NOT NULL,
        CONSTRAINT [PK_CustomerSegments] PRIMARY KEY ([RunId], [CustomerId]),
        CONSTRAINT [FK_CustomerSegments_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CustomerSegments_SegmentationRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [SegmentationRuns] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CustomerSegments_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE INDEX [IX_CustomerSegments_CustomerId] ON [CustomerSegments] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE INDEX [IX_CustomerSegments_SegmentId_CustomerId] ON [CustomerSegments] ([SegmentId], [CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE INDEX [IX_SegmentationRuns_IsCurrent] ON [SegmentationRuns] ([IsCurrent]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Segments_RunId_Number] ON [Segments] ([RunId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129044258_Segmentation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129044258_Segmentation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129051332_Evaluations'
)
BEGIN
    CREATE TABLE [EvaluationRuns] (
        [Id] int NOT NULL IDENTITY,
        [Status] nvarchar(16) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Seconds] float NULL,
        [StartedBy] nvarchar(450) NOT NULL,
        [DataFrom] date NULL,
        [DataTo] date NULL,
        [SplitDate] date NULL,
        [K] int NOT NULL,
        [Results] nvarchar(max) NOT NULL,
        [Error] nvarchar(2000) NULL,
        CONSTRAINT [PK_EvaluationRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129051332_Evaluations'
)
BEGIN
    CREATE INDEX [IX_EvaluationRuns_StartedAt] ON [EvaluationRuns] ([StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129051332_Evaluations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129051332_Evaluations', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129054038_ApiKeys'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [Scopes] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [RevokedAt] datetime2 NULL,
        [RevokedBy] nvarchar(256) NULL,
        [LastUsedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129054038_ApiKeys'
)
BEGIN
    CREATE TABLE [IdempotencyRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [ApiKeyId] int NOT NULL,
        [Key] nvarchar(100) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [StatusCode] int NOT NULL,
        [Response] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IdempotencyRecords_ApiKeys_ApiKeyId] FOREIGN KEY ([ApiKeyId]) REFERENCES [ApiKeys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129054038_ApiKeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Hash] ON [ApiKeys] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129054038_ApiKeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IdempotencyRecords_ApiKeyId_Key] ON [IdempotencyRecords] ([ApiKeyId], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129054038_ApiKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129054038_ApiKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    CREATE TABLE [Experiments] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [Hypothesis] nvarchar(2000) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Unit] nvarchar(16) NOT NULL,
        [Variants] nvarchar(4000) NOT NULL,
        [PrimaryMetric] nvarchar(32) NOT NULL,
        [Guardrails] nvarchar(400) NOT NULL,
        [AttributionDays] int NOT NULL,
        [PlannedDays] int NOT NULL,
        [PlannedUnitsPerVariant] int NULL,
        [IsAA] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(450) NOT NULL,
        [StartedAt] datetime2 NULL,
        [StartedBy] nvarchar(450) NULL,
        [StoppedAt] datetime2 NULL,
        [StoppedBy] nvarchar(450) NULL,
        [Winner] nvarchar(64) NULL,
        CONSTRAINT [PK_Experiments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    CREATE TABLE [ExperimentExposures] (
        [Id] bigint NOT NULL IDENTITY,
        [ExperimentId] int NOT NULL,
        [Variant] nvarchar(64) NOT NULL,
        [UnitKey] nvarchar(64) NOT NULL,
        [CustomerId] int NOT NULL,
        [ProductIds] nvarchar(1000) NOT NULL,
        [ShownCount] int NOT NULL,
        [ModelRunId] int NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_ExperimentExposures] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ExperimentExposures_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ExperimentExposures_Experiments_ExperimentId] FOREIGN KEY ([ExperimentId]) REFERENCES [Experiments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    CREATE INDEX [IX_ExperimentExposures_CustomerId] ON [ExperimentExposures] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    CREATE INDEX [IX_ExperimentExposures_ExperimentId_OccurredAt] ON [ExperimentExposures] ([ExperimentId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    CREATE INDEX [IX_Experiments_Status] ON [Experiments] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060942_Experiments'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129060942_Experiments', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201153937_StaffSessions'
)
BEGIN
    CREATE TABLE [StaffSessions] (
        [Id] nvarchar(32) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [LastSeenAt] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        [EndReason] nvarchar(32) NULL,
        [ClientAddress] nvarchar(64) NULL,
        CONSTRAINT [PK_StaffSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StaffSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201153937_StaffSessions'
)
BEGIN
    CREATE INDEX [IX_StaffSessions_UserId_EndedAt] ON [StaffSessions] ([UserId], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201153937_StaffSessions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201153937_StaffSessions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201163252_LineQuantityUnknown'
)
BEGIN
    ALTER TABLE [OrderLines] ADD [QuantityUnknown] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201163252_LineQuantityUnknown'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201163252_LineQuantityUnknown', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201180549_AnonymisedOrders'
)
BEGIN
    ALTER TABLE [Orders] ADD [IsAnonymised] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201180549_AnonymisedOrders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201180549_AnonymisedOrders', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201193236_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201193236_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201193236_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    DROP INDEX [IX_Customers_Email] ON [Customers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    DROP INDEX [IX_Customers_LastName] ON [Customers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    DROP INDEX [IX_Customers_LoyaltyNumber] ON [Customers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    DROP INDEX [IX_Customers_Phone] ON [Customers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchEmail] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchFirstName] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchLastName] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchLoyaltyNumber] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchPhone] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchPhoneReversed] nvarchar(100) COLLATE Latin1_General_100_BIN2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchEmail] ON [Customers] ([SearchEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchFirstName] ON [Customers] ([SearchFirstName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchLastName] ON [Customers] ([SearchLastName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchLoyaltyNumber] ON [Customers] ([SearchLoyaltyNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchPhone] ON [Customers] ([SearchPhone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    CREATE INDEX [IX_Customers_SearchPhoneReversed] ON [Customers] ([SearchPhoneReversed]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201210427_CustomerSearchKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201210427_CustomerSearchKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    ALTER TABLE [SegmentationRuns] ADD [Owner] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    ALTER TABLE [ModelRuns] ADD [Owner] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    ALTER TABLE [ImportBatches] ADD [Owner] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    ALTER TABLE [EvaluationRuns] ADD [Owner] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    CREATE TABLE [ProcessHeartbeats] (
        [Owner] nvarchar(128) NOT NULL,
        [BeatAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ProcessHeartbeats] PRIMARY KEY ([Owner])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201214200_JobOwners'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201214200_JobOwners', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201223443_ErasedCustomers'
)
BEGIN
    CREATE TABLE [ErasedCustomers] (
        [CodeKey] nvarchar(64) NOT NULL,
        [ErasedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ErasedCustomers] PRIMARY KEY ([CodeKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201223443_ErasedCustomers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201223443_ErasedCustomers', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    ALTER TABLE [Products] ADD [IsSensitive] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    CREATE TABLE [ConsentRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [CustomerId] int NOT NULL,
        [Purpose] nvarchar(32) NOT NULL,
        [Granted] bit NOT NULL,
        [RecordedAt] datetime2 NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [RecordedBy] nvarchar(450) NULL,
        [ImportBatchId] int NULL,
        CONSTRAINT [PK_ConsentRecords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ConsentRecords_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ConsentRecords_ImportBatches_ImportBatchId] FOREIGN KEY ([ImportBatchId]) REFERENCES [ImportBatches] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    CREATE INDEX [IX_ConsentRecords_CustomerId_Purpose_RecordedAt] ON [ConsentRecords] ([CustomerId], [Purpose], [RecordedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    CREATE INDEX [IX_ConsentRecords_ImportBatchId] ON [ConsentRecords] ([ImportBatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    INSERT INTO "ConsentRecords" ("CustomerId", "Purpose", "Granted", "RecordedAt", "Source", "RecordedBy")
    SELECT c."Id", 'Personalisation', 0,
        COALESCE((SELECT TOP 1 a."At" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS nvarchar(64)) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC), SYSUTCDATETIME()),
        'Api',
        (SELECT TOP 1 a."UserName" FROM "AuditEntries" a WHERE a."EntityType" = 'Customer' AND a."EntityId" = CAST(c."Id" AS nvarchar(64)) AND a."Action" = 'customer.optout-changed' ORDER BY a."Id" DESC)
    FROM "Customers" c
    WHERE c."PersonalizationOptOut" = 1
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201235758_ConsentRecordsAndSensitiveProducts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201235758_ConsentRecordsAndSensitiveProducts', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010907_SalesRollups'
)
BEGIN
    CREATE TABLE [ProductMonthSales] (
        [Month] date NOT NULL,
        [StoreKey] int NOT NULL,
        [ProductId] int NOT NULL,
        [Revenue] float NOT NULL,
        [Units] bigint NOT NULL,
        [PricedLines] int NOT NULL,
        CONSTRAINT [PK_ProductMonthSales] PRIMARY KEY ([Month], [StoreKey], [ProductId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010907_SalesRollups'
)
BEGIN
    CREATE TABLE [RollupDirtyMonths] (
        [Id] bigint NOT NULL IDENTITY,
        [Month] date NOT NULL,
        CONSTRAINT [PK_RollupDirtyMonths] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010907_SalesRollups'
)
BEGIN
    CREATE INDEX [IX_RollupDirtyMonths_Month] ON [RollupDirtyMonths] ([Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202010907_SalesRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202010907_SalesRollups', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    CREATE TABLE [CustomerCohortMonths] (
        [Month] date NOT NULL,
        [FirstMonth] date NOT NULL,
        [Customers] int NOT NULL,
        CONSTRAINT [PK_CustomerCohortMonths] PRIMARY KEY ([Month], [FirstMonth])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    CREATE TABLE [CustomerMonthSales] (
        [Month] date NOT NULL,
        [StoreKey] int NOT NULL,
        [CustomerKey] int NOT NULL,
        [Orders] int NOT NULL,
        [Revenue] decimal(18,4) NOT NULL,
        [Items] bigint NOT NULL,
        CONSTRAINT [PK_CustomerMonthSales] PRIMARY KEY ([Month], [StoreKey], [CustomerKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    CREATE TABLE [OrderDaySales] (
        [Day] date NOT NULL,
        [StoreKey] int NOT NULL,
        [IsCancellation] bit NOT NULL,
        [Orders] int NOT NULL,
        [Revenue] decimal(18,4) NOT NULL,
        [Items] bigint NOT NULL,
        [Lines1] int NOT NULL,
        [Lines2To5] int NOT NULL,
        [Lines6To10] int NOT NULL,
        [Lines11To20] int NOT NULL,
        [Lines21To50] int NOT NULL,
        [Lines51Up] int NOT NULL,
        CONSTRAINT [PK_OrderDaySales] PRIMARY KEY ([Day], [StoreKey], [IsCancellation])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    CREATE TABLE [OrderHourCounts] (
        [Day] date NOT NULL,
        [StoreKey] int NOT NULL,
        [Hour] int NOT NULL,
        [Orders] int NOT NULL,
        CONSTRAINT [PK_OrderHourCounts] PRIMARY KEY ([Day], [StoreKey], [Hour])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    CREATE INDEX [IX_CustomerMonthSales_CustomerKey_Month] ON [CustomerMonthSales] ([CustomerKey], [Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202030714_OrderRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202030714_OrderRollups', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202054423_ProductMonthSalesByProduct'
)
BEGIN
    CREATE INDEX [IX_ProductMonthSales_ProductMonth] ON [ProductMonthSales] ([ProductId], [Month], [StoreKey], [Revenue], [Units], [PricedLines]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202054423_ProductMonthSalesByProduct'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202054423_ProductMonthSalesByProduct', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202054426_ProductPictures'
)
BEGIN
    ALTER TABLE [Products] ADD [PictureUrl] nvarchar(512) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202054426_ProductPictures'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202054426_ProductPictures', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061503_ChangeNotices'
)
BEGIN
    CREATE TABLE [ChangeNotices] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(16) NOT NULL,
        [SubjectId] int NOT NULL,
        [Origin] nvarchar(32) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_ChangeNotices] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061503_ChangeNotices'
)
BEGIN
    CREATE INDEX [IX_ChangeNotices_At] ON [ChangeNotices] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202061503_ChangeNotices'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202061503_ChangeNotices', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202083719_JobLeases'
)
BEGIN
    CREATE TABLE [JobLeases] (
        [Name] nvarchar(100) NOT NULL,
        [Holder] nvarchar(128) NOT NULL,
        [AcquiredAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        CONSTRAINT [PK_JobLeases] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202083719_JobLeases'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202083719_JobLeases', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142249_SegmentationAfterTraining'
)
BEGIN
    ALTER TABLE [SegmentationRuns] ADD [AfterTrainingRunId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142249_SegmentationAfterTraining'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202142249_SegmentationAfterTraining', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[IdempotencyRecords]') AND [c].[name] = N'StatusCode');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [IdempotencyRecords] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [IdempotencyRecords] DROP COLUMN [StatusCode];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    CREATE TABLE [SignInFailures] (
        [Id] bigint NOT NULL IDENTITY,
        [ClientKey] nvarchar(64) NOT NULL,
        [AccountKey] nvarchar(64) NOT NULL,
        [FailedAt] datetime2 NOT NULL,
        [StreakEnded] bit NOT NULL,
        CONSTRAINT [PK_SignInFailures] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    CREATE INDEX [IX_SignInFailures_AccountKey_FailedAt] ON [SignInFailures] ([AccountKey], [FailedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    CREATE INDEX [IX_SignInFailures_ClientKey_FailedAt] ON [SignInFailures] ([ClientKey], [FailedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    CREATE INDEX [IX_SignInFailures_FailedAt] ON [SignInFailures] ([FailedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202142322_SignInFailures'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202142322_SignInFailures', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203073332_ProductDaySales'
)
BEGIN
    CREATE TABLE [ProductDaySales] (
        [Day] date NOT NULL,
        [StoreKey] int NOT NULL,
        [ProductId] int NOT NULL,
        [Revenue] float NOT NULL,
        [Units] bigint NOT NULL,
        [PricedLines] int NOT NULL,
        CONSTRAINT [PK_ProductDaySales] PRIMARY KEY ([Day], [StoreKey], [ProductId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203073332_ProductDaySales'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203073332_ProductDaySales', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    ALTER TABLE [ProductMonthSales] ADD [PositiveDayRevenue] float NOT NULL DEFAULT 0.0E0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    UPDATE [ProductMonthSales] SET [PositiveDayRevenue] = [Revenue];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    INSERT INTO [RollupDirtyMonths] ([Month]) SELECT DISTINCT DATEFROMPARTS(YEAR([Day]), MONTH([Day]), 1) FROM [ProductDaySales] WHERE [Revenue] < 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE TABLE [CategoryDaySales] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [StoreKey] int NOT NULL,
        [Category] nvarchar(128) NULL,
        [IsNonMerchandise] bit NOT NULL,
        [Revenue] float NOT NULL,
        [Units] bigint NOT NULL,
        [PricedLines] int NOT NULL,
        CONSTRAINT [PK_CategoryDaySales] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE TABLE [CountryDaySales] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [StoreKey] int NOT NULL,
        [Member] bit NOT NULL,
        [Country] nvarchar(64) NULL,
        [Orders] int NOT NULL,
        [Revenue] decimal(18,4) NOT NULL,
        [Items] bigint NOT NULL,
        CONSTRAINT [PK_CountryDaySales] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE TABLE [RollupLabelChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [Label] int NOT NULL,
        CONSTRAINT [PK_RollupLabelChanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE INDEX [IX_ProductMonthSales_MonthRank] ON [ProductMonthSales] ([Month], [StoreKey], [PositiveDayRevenue] DESC, [ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE INDEX [IX_CategoryDaySales_Day_StoreKey] ON [CategoryDaySales] ([Day], [StoreKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE INDEX [IX_CountryDaySales_Day_StoreKey] ON [CountryDaySales] ([Day], [StoreKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    CREATE INDEX [IX_RollupLabelChanges_Label] ON [RollupLabelChanges] ([Label]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    INSERT INTO [RollupLabelChanges] ([Label]) VALUES (1), (2);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203160703_LabelRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203160703_LabelRollups', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    ALTER TABLE [ModelRuns] ADD [ArtifactRemovedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    ALTER TABLE [ModelRunArtifacts] ADD [SharedPartAt] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    ALTER TABLE [ModelRunArtifacts] ADD [SharedPartId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    CREATE TABLE [ModelArtifactParts] (
        [Id] int NOT NULL IDENTITY,
        [Data] varbinary(max) NOT NULL,
        CONSTRAINT [PK_ModelArtifactParts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    CREATE INDEX [IX_ModelRunArtifacts_SharedPartId] ON [ModelRunArtifacts] ([SharedPartId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    ALTER TABLE [ModelRunArtifacts] ADD CONSTRAINT [FK_ModelRunArtifacts_ModelArtifactParts_SharedPartId] FOREIGN KEY ([SharedPartId]) REFERENCES [ModelArtifactParts] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205013312_SharedArtifactPartsAndRetention'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205013312_SharedArtifactPartsAndRetention', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205093823_RollupPendingOrders'
)
BEGIN
    CREATE TABLE [RollupPendingOrders] (
        [OrderId] int NOT NULL,
        [Month] date NOT NULL,
        CONSTRAINT [PK_RollupPendingOrders] PRIMARY KEY ([OrderId]),
        CONSTRAINT [FK_RollupPendingOrders_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205093823_RollupPendingOrders'
)
BEGIN
    CREATE INDEX [IX_RollupPendingOrders_Month] ON [RollupPendingOrders] ([Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205093823_RollupPendingOrders'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205093823_RollupPendingOrders', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205133046_CustomerCountryIndex'
)
BEGIN
    CREATE INDEX [IX_Customers_Country] ON [Customers] ([Country]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205133046_CustomerCountryIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205133046_CustomerCountryIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206092300_FoldedNameKeys'
)
BEGIN
    UPDATE "Customers" SET "SearchFirstName" = SUBSTRING(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th'), 1, 100)
    WHERE "SearchFirstName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchFirstName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th');
    UPDATE "Customers" SET "SearchLastName" = SUBSTRING(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th'), 1, 100)
    WHERE "SearchLastName" <> REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("SearchLastName", N'ł', N'l'), N'ø', N'o'), N'đ', N'd'), N'ð', N'd'), N'ı', N'i'), N'ħ', N'h'), N'æ', N'ae'), N'œ', N'oe'), N'ß', N'ss'), N'þ', N'th');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206092300_FoldedNameKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206092300_FoldedNameKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206094443_RejectionIdentifierColumns'
)
BEGIN
    ALTER TABLE [ImportBatches] ADD [IdentifierColumns] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206094443_RejectionIdentifierColumns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206094443_RejectionIdentifierColumns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124004_ExperimentAlpha'
)
BEGIN
    ALTER TABLE [Experiments] ADD [Alpha] float NOT NULL DEFAULT 0.050000000000000003E0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124004_ExperimentAlpha'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206124004_ExperimentAlpha', N'10.0.15');
END;

COMMIT;
GO

