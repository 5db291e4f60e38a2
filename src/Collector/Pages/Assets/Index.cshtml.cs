using System.Globalization;
using Collector.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Collector.Pages.Assets;

/// <summary>The searchable, sortable asset table.</summary>
public sealed class AssetsModel(IDashboardQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public AssetSort Sort { get; set; } = AssetSort.LastSeen;

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; } = true;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<AssetRow> Result { get; private set; } = null!;

    public void OnGet() => Result = queries.Assets(Search, Sort, Descending, Math.Max(1, PageNumber), 100);

    /// <summary>Sorts by <paramref name="column"/>; the same column again flips the direction.</summary>
    public string SortLink(AssetSort column)
    {
        bool desc = column == Sort ? !Descending : column is AssetSort.LastSeen or AssetSort.FirstSeen;
        string q = string.IsNullOrEmpty(Search) ? string.Empty : "&q=" + Uri.EscapeDataString(Search);
        return string.Create(CultureInfo.InvariantCulture, $"?sort={column}&desc={(desc ? "true" : "false")}{q}");
    }
}
