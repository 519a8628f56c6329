namespace DistillGuard.RedTeam;

public sealed record ToolDef(string Name, string Description, string Schema);
public sealed record Call(string Id, string Name, string ArgsJson);

public sealed class Msg
{
    public required string Role;            // user | assistant | tool
    public string? Text;
    public List<Call>? Calls;
    public string? CallId;                  // tool result: which call
    public string? ToolName;
    public string? Thinking;                // assistant: reasoning text (summarised) if the model thought
    public string? Artifact;                // pasted signature / encrypted_content (replay); else derived from the exchange
    public string? ArtifactId;
    public bool ToolError;
}

public sealed class Convo
{
    public string? System;
    public List<ToolDef>? Tools;
    public bool ForceTool;
    public List<Msg> Msgs = [];
    public Convo U(string t) { Msgs.Add(new Msg { Role = "user", Text = t }); return this; }
    public Convo A(string? t, string? think = null) { Msgs.Add(new Msg { Role = "assistant", Text = t, Thinking = think }); return this; }
    public Convo Tool(string? pre, Call c, string result, bool err = false)
    {
        Msgs.Add(new Msg { Role = "assistant", Text = pre, Calls = [c] });
        Msgs.Add(new Msg { Role = "tool", CallId = c.Id, ToolName = c.Name, Text = result, ToolError = err });
        return this;
    }
    public int Turns => Msgs.Count(m => m.Role == "assistant");
}

public enum Kind
{
    Chat, Coding, CodingAgent, Analysis, Writing, Homework, Batch, AgentPlatform, BenchMcq, BenchGsm, AppRelay, Jailbreak, Licensed, FleetL10n,
    CotCoerce, AgentHarvest, Replay, Rubric, Pairwise, SafeRewrite,
    HarnessAgent, QuillAgent, SqlGen, LabelExtract, TraceSolve, CourseEval,   // adaptive mix
    PatchbayUser, PatchbayJob, Forge, ClauseHarvest, LspSegment, Walkthrough, BranchIssue, BranchProbe,   // shadow mix
}

public static class Tools
{
    private static ToolDef T(string n, string d, string props, string req) =>
        new(n, d, "{\"type\":\"object\",\"properties\":{" + props + "},\"required\":[" + req + "]}");

    // An open-source terminal coding assistant used by many developers (same prompt and tools for all of them).
    public static readonly List<ToolDef> DevCli =
    [
        T("run_command", "Run a shell command in the project directory and return stdout/stderr.", "\"command\":{\"type\":\"string\"},\"timeout\":{\"type\":\"integer\",\"description\":\"seconds\"}", "\"command\""),
        T("view_file", "Show a file with line numbers.", "\"path\":{\"type\":\"string\"},\"start_line\":{\"type\":\"integer\"},\"end_line\":{\"type\":\"integer\"}", "\"path\""),
        T("edit_file", "Replace one exact occurrence of old_text with new_text in a file.", "\"path\":{\"type\":\"string\"},\"old_text\":{\"type\":\"string\"},\"new_text\":{\"type\":\"string\"}", "\"path\",\"old_text\",\"new_text\""),
        T("list_dir", "List directory entries.", "\"path\":{\"type\":\"string\"}", "\"path\""),
    ];
    public const string DevCliSystem = "You are Termwright, a coding assistant running inside the user's terminal. You can read and edit files and run commands through the provided tools. Make minimal, correct changes. Ask before deleting anything. Working directory: the user's current project.";

    // A consumer agent platform: every end-user account runs the same assistant prompt and tool set.
    public static readonly List<ToolDef> Pocketdesk =
    [
        T("web_search", "Search the web and return the top results.", "\"query\":{\"type\":\"string\"},\"max_results\":{\"type\":\"integer\",\"default\":5}", "\"query\""),
        T("open_page", "Fetch a web page and return its readable text.", "\"url\":{\"type\":\"string\"}", "\"url\""),
        T("calendar_add", "Create a calendar event for the user.", "\"title\":{\"type\":\"string\"},\"start\":{\"type\":\"string\",\"format\":\"date-time\"},\"end\":{\"type\":\"string\",\"format\":\"date-time\"},\"attendees\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "\"title\",\"start\""),
        T("draft_email", "Prepare an email draft in the user's mailbox (never sends).", "\"to\":{\"type\":\"string\"},\"subject\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"}", "\"to\",\"subject\",\"body\""),
        T("remember", "Save a short note to the user's memory.", "\"note\":{\"type\":\"string\"}", "\"note\""),
    ];
    public const string PocketdeskSystem = "You are Pocketdesk, a personal assistant. Be concise and friendly. Use tools when they help: search before answering questions about current events, and confirm with the user before creating events or drafts that involve other people. Today's date is provided by the user's device.";

    public static readonly List<ToolDef> Support =
    [
        T("order_lookup", "Look up an order by its id.", "\"order_id\":{\"type\":\"string\"}", "\"order_id\""),
        T("refund_request", "Open a refund request for an order.", "\"order_id\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"}", "\"order_id\",\"reason\""),
        T("kb_search", "Search the help-center articles.", "\"query\":{\"type\":\"string\"},\"locale\":{\"type\":\"string\"}", "\"query\""),
    ];

    public static readonly List<ToolDef> InvoiceFn =
    [
        T("record_invoice", "Record the fields extracted from one invoice.", "\"vendor\":{\"type\":\"string\"},\"invoice_number\":{\"type\":\"string\"},\"date\":{\"type\":\"string\"},\"total\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\",\"enum\":[\"EUR\",\"USD\",\"GBP\",\"JPY\"]}", "\"vendor\",\"invoice_number\",\"total\",\"currency\""),
    ];

    // The harvest operator's sandbox tools (campaign): ordinary-looking engineering tools.
    public static readonly List<ToolDef> Sandbox =
    [
        T("ws_grep", "Search the checked-out repository with a regular expression.", "\"pattern\":{\"type\":\"string\"},\"glob\":{\"type\":\"string\"}", "\"pattern\""),
        T("ws_open", "Open a file of the repository, optionally a line range.", "\"file\":{\"type\":\"string\"},\"from_line\":{\"type\":\"integer\"},\"to_line\":{\"type\":\"integer\"}", "\"file\""),
        T("ws_patch", "Apply a unified diff to the working tree.", "\"diff\":{\"type\":\"string\"}", "\"diff\""),
        T("ws_exec", "Execute a command in the sandbox container.", "\"cmd\":{\"type\":\"string\"},\"timeout_s\":{\"type\":\"integer\"}", "\"cmd\""),
        T("ws_tests", "Run the test suite or a subset of it.", "\"selector\":{\"type\":\"string\"}", ""),
    ];
    public static readonly List<ToolDef> Frames =
    [
        T("frame_query", "Run SQL against the loaded tables (DuckDB dialect).", "\"sql\":{\"type\":\"string\"}", "\"sql\""),
        T("frame_describe", "Describe a loaded table: columns, types, null counts.", "\"table\":{\"type\":\"string\"}", "\"table\""),
        T("chart", "Render a chart from a query result.", "\"sql\":{\"type\":\"string\"},\"kind\":{\"type\":\"string\",\"enum\":[\"line\",\"bar\",\"scatter\"]},\"x\":{\"type\":\"string\"},\"y\":{\"type\":\"string\"}", "\"sql\",\"kind\""),
    ];
}
