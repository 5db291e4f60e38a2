using Edge.Contracts.Detection;

namespace EdgeSensor.Detection;

/// <summary>The MITRE ATT&amp;CK for ICS techniques the models map to (attack.mitre.org/matrices/ics, v15), with their tactics.</summary>
public static class AttackIcs
{
    private static readonly Dictionary<string, AttackTechnique> Catalogue = new[]
    {
        new AttackTechnique("T0864", "Transient Cyber Asset", ["Lateral Movement"]),
        new AttackTechnique("T0869", "Standard Application Layer Protocol", ["Command and Control"]),
        new AttackTechnique("T0886", "Remote Services", ["Initial Access", "Lateral Movement"]),
        new AttackTechnique("T0859", "Valid Accounts", ["Persistence", "Lateral Movement"]),
        new AttackTechnique("T0846", "Remote System Discovery", ["Discovery"]),
        new AttackTechnique("T0888", "Remote System Information Discovery", ["Discovery"]),
        new AttackTechnique("T0861", "Point & Tag Identification", ["Collection"]),
        new AttackTechnique("T0855", "Unauthorized Command Message", ["Impair Process Control"]),
        new AttackTechnique("T0836", "Modify Parameter", ["Impair Process Control"]),
        new AttackTechnique("T0858", "Change Operating Mode", ["Execution", "Evasion"]),
        new AttackTechnique("T0843", "Program Download", ["Lateral Movement"]),
        new AttackTechnique("T0845", "Program Upload", ["Collection"]),
        new AttackTechnique("T0889", "Modify Program", ["Persistence"]),
        new AttackTechnique("T0885", "Commonly Used Port", ["Command and Control"]),
        new AttackTechnique("T0801", "Monitor Process State", ["Collection"]),
    }.ToDictionary(t => t.Id, StringComparer.Ordinal);

    public static AttackTechnique Get(string id) =>
        Catalogue.TryGetValue(id, out var t) ? t : throw new ArgumentException($"unknown ATT&CK for ICS technique {id}", nameof(id));
}
