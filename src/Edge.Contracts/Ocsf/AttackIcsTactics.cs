namespace Edge.Contracts.Ocsf;

/// <summary>
/// MITRE ATT&amp;CK for ICS tactic ids by name (https://attack.mitre.org/tactics/ics/), for <see cref="OcsfTactic.Uid"/>.
/// Names match <see cref="Detection.AttackTechnique.Tactics"/> exactly.
/// </summary>
public static class AttackIcsTactics
{
    private static readonly Dictionary<string, string> UidByName = new(StringComparer.Ordinal)
    {
        ["Initial Access"] = "TA0108",
        ["Execution"] = "TA0104",
        ["Persistence"] = "TA0110",
        ["Privilege Escalation"] = "TA0111",
        ["Evasion"] = "TA0103",
        ["Discovery"] = "TA0102",
        ["Lateral Movement"] = "TA0109",
        ["Collection"] = "TA0100",
        ["Command and Control"] = "TA0101",
        ["Inhibit Response Function"] = "TA0107",
        ["Impair Process Control"] = "TA0106",
        ["Impact"] = "TA0105",
    };

    /// <summary>The tactic's id, e.g. "TA0102" for "Discovery"; false for a name that is not an ICS tactic.</summary>
    public static bool TryGetUid(string name, out string uid)
    {
        if (UidByName.TryGetValue(name, out string? found))
        {
            uid = found;
            return true;
        }

        uid = string.Empty;
        return false;
    }
}
