using System.Data.Common;

namespace Collector.Storage;

/// <summary>A prepared statement of any row type, as its connection's set of statements sees it.</summary>
internal interface IPreparedStatement : IDisposable
{
    /// <summary>The transaction the next executions run in.</summary>
    DbTransaction? Transaction { set; }
}
