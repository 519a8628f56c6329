using System.Text;

namespace DistillGuard.Simulation.Content;

/// <summary>A parameter of a tool, enough to make plausible call arguments.</summary>
internal sealed record ToolParam(string Name, string Type, bool Required, string[]? Enum);

/// <summary>One function tool: name, description, its JSON Schema (pre-encoded UTF-8) and parameters.</summary>
internal sealed class ToolSpec
{
    public ToolSpec(string name, string description, string schemaJson, ToolParam[] parameters)
    {
        Name = name;
        Description = description;
        Schema = Encoding.UTF8.GetBytes(schemaJson);
        Parameters = parameters;
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>The <c>parameters</c> / <c>input_schema</c> object as UTF-8 JSON.</summary>
    public byte[] Schema { get; }
    public ToolParam[] Parameters { get; }

    /// <summary>Builds a tool from a compact parameter list: "name:type" with '?' for optional and '=a/b' for an enum.</summary>
    public static ToolSpec Create(string name, string description, params string[] parameters)
    {
        var ps = new ToolParam[parameters.Length];
        var sb = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        var required = new List<string>();
        for (int i = 0; i < parameters.Length; i++)
        {
            string p = parameters[i];
            bool optional = p.EndsWith('?');
            if (optional) p = p[..^1];
            string[]? en = null;
            int eq = p.IndexOf('=');
            if (eq >= 0) { en = p[(eq + 1)..].Split('/'); p = p[..eq]; }
            int colon = p.IndexOf(':');
            string pname = p[..colon], type = p[(colon + 1)..];
            ps[i] = new ToolParam(pname, type, !optional, en);
            if (i > 0) sb.Append(',');
            sb.Append('"').Append(pname).Append("\":{\"type\":\"").Append(type).Append('"');
            if (type == "array") sb.Append(",\"items\":{\"type\":\"string\"}");
            if (en is not null) { sb.Append(",\"enum\":["); for (int e = 0; e < en.Length; e++) { if (e > 0) sb.Append(','); sb.Append('"').Append(en[e]).Append('"'); } sb.Append(']'); }
            sb.Append(",\"description\":\"The ").Append(pname.Replace('_', ' ')).Append(".\"}");
            if (!optional) required.Add(pname);
        }
        sb.Append("},\"required\":[");
        for (int i = 0; i < required.Count; i++) { if (i > 0) sb.Append(','); sb.Append('"').Append(required[i]).Append('"'); }
        sb.Append("]}");
        return new ToolSpec(name, description, sb.ToString(), ps);
    }
}
