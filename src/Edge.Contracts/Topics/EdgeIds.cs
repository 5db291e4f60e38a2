namespace Edge.Contracts.Topics;

/// <summary>
/// Validation of the ids that become topic levels (site, sensor, shared-subscription group). An id is 1 to
/// <see cref="MaxLength"/> ASCII characters from <c>[A-Za-z0-9._-]</c>, starting with a letter or digit. The charset
/// alone keeps out MQTT wildcards (<c>+</c>, <c>#</c>), the level separator (<c>/</c>), the reserved <c>$</c> prefix
/// and <c>:</c>, which separates the parts of a message id; the checks below name the first violation precisely.
/// </summary>
public static class EdgeIds
{
    /// <summary>Longest id accepted; keeps topics short (MQTT allows 65535 bytes, brokers and logs prefer less).</summary>
    public const int MaxLength = 64;

    /// <summary>Checks an id; <see cref="EdgeIdError.None"/> when it may be used as a topic level.</summary>
    public static EdgeIdError Validate(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return EdgeIdError.Empty;
        }

        if (id.Length > MaxLength)
        {
            return EdgeIdError.TooLong;
        }

        // Specific reasons first, so "+" is reported as a wildcard rather than as a bad character.
        if (id[0] == '$')
        {
            return EdgeIdError.ReservedPrefix;
        }

        foreach (char c in id)
        {
            if (c is '+' or '#')
            {
                return EdgeIdError.Wildcard;
            }

            if (c == '/')
            {
                return EdgeIdError.LevelSeparator;
            }
        }

        foreach (char c in id)
        {
            if (!IsAllowed(c))
            {
                return EdgeIdError.InvalidCharacter;
            }
        }

        return char.IsAsciiLetterOrDigit(id[0]) ? EdgeIdError.None : EdgeIdError.BadFirstCharacter;
    }

    /// <summary>True when <paramref name="id"/> may be used as a site, sensor or group id.</summary>
    public static bool IsValid(string? id) => Validate(id) == EdgeIdError.None;

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when <paramref name="id"/> is not valid.</summary>
    public static void ThrowIfInvalid(string? id, string paramName)
    {
        EdgeIdError error = Validate(id);
        if (error != EdgeIdError.None)
        {
            throw new ArgumentException(Describe(error, id), paramName);
        }
    }

    /// <summary>A sentence a person can act on, e.g. for a configuration error.</summary>
    public static string Describe(EdgeIdError error, string? id) => error switch
    {
        EdgeIdError.None => $"'{id}' is a valid id.",
        EdgeIdError.Empty => "The id is empty; use 1 to 64 characters from [A-Za-z0-9._-].",
        EdgeIdError.TooLong => $"The id is {id?.Length} characters long; at most {MaxLength} are allowed.",
        EdgeIdError.Wildcard => $"The id '{id}' contains an MQTT wildcard ('+' or '#'), which would make the topic a filter.",
        EdgeIdError.LevelSeparator => $"The id '{id}' contains '/', which would add a topic level.",
        EdgeIdError.ReservedPrefix => $"The id '{id}' starts with '$', which brokers reserve ($SYS, $share).",
        EdgeIdError.BadFirstCharacter => $"The id '{id}' must start with a letter or digit.",
        EdgeIdError.InvalidCharacter => $"The id '{id}' contains a character outside [A-Za-z0-9._-].",
        _ => $"The id '{id}' is not valid ({error}).",
    };

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
