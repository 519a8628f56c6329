using System.Text;
using DistillGuard.Provenance.Text;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>Writes the keyed member at every occurrence, within the change bound.</summary>
internal sealed class WatermarkingMatcher(WatermarkKey key, ChoiceCache choices, WatermarkOptions options, StringBuilder output) : PhraseMatcher(options.Lexicon)
{
    private long _units, _already, _subs, _changed, _capped;

    public WatermarkStats Stats => new(Words, _units, _already, _subs, _changed, _capped);

    protected override void Emit(ReadOnlySpan<char> text) => output.Append(text);

    protected override int OnUnit(in UnitOccurrence unit, long wordsBefore)
    {
        _units++;
        int green = choices.Choose(unit.Set, key.UnitContext(unit.Context));
        if (green == unit.Member) { _already++; return green; }
        int delta = Math.Max(unit.Words, unit.Set.Members[green].Length);
        if (_changed + delta > options.MaxChangeShare * (wordsBefore + unit.Words) + options.ChangeAllowanceWords) { _capped++; return unit.Member; }
        _changed += delta;
        _subs++;
        return green;
    }
}
