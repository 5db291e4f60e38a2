namespace Collector.Storage;

/// <summary>What one transaction did: new messages, messages already stored (same id), dead letters kept.</summary>
public readonly record struct WriteResult(int Stored, int Duplicates, int DeadLetters);
