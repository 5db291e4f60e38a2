namespace Edge.Contracts.Topics;

/// <summary>Why a site, sensor or share-group id cannot be a topic level (see <see cref="EdgeIds"/>).</summary>
public enum EdgeIdError
{
    None = 0,
    Empty,
    TooLong,

    /// <summary>Contains <c>+</c> or <c>#</c>: would turn a topic into a filter.</summary>
    Wildcard,

    /// <summary>Contains <c>/</c>: would add a topic level.</summary>
    LevelSeparator,

    /// <summary>Starts with <c>$</c>: brokers reserve those topics (<c>$SYS</c>, <c>$share</c>).</summary>
    ReservedPrefix,

    /// <summary>Starts with <c>.</c>, <c>-</c> or <c>_</c>: ids start with a letter or digit.</summary>
    BadFirstCharacter,

    /// <summary>Any other character outside <c>[A-Za-z0-9._-]</c> (spaces, <c>:</c>, non-ASCII, NUL).</summary>
    InvalidCharacter,
}
