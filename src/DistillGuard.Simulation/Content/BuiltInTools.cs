namespace DistillGuard.Simulation.Content;

/// <summary>Built-in tool sets (agent platforms' and harvesters' typical tools).</summary>
internal static class BuiltInTools
{
    public static ToolSpec[][] Create() =>
    [
        [
            ToolSpec.Create("search_web", "Search the web and return the top results.", "query:string", "num_results:integer?"),
            ToolSpec.Create("open_url", "Fetch a web page and return its text.", "url:string"),
        ],
        [
            ToolSpec.Create("read_file", "Read a file from the workspace.", "path:string"),
            ToolSpec.Create("write_file", "Write text to a file in the workspace.", "path:string", "content:string"),
            ToolSpec.Create("list_directory", "List the files in a directory.", "path:string", "recursive:boolean?"),
        ],
        [
            ToolSpec.Create("run_python", "Execute Python code in a sandbox and return stdout.", "code:string", "timeout_seconds:integer?"),
            ToolSpec.Create("install_package", "Install a Python package in the sandbox.", "name:string"),
        ],
        [
            ToolSpec.Create("list_events", "List calendar events in a time range.", "start:string", "end:string"),
            ToolSpec.Create("create_event", "Create a calendar event.", "title:string", "start:string", "duration_minutes:integer", "attendees:array?"),
            ToolSpec.Create("find_free_slot", "Find a time when all attendees are free.", "attendees:array", "duration_minutes:integer"),
        ],
        [
            ToolSpec.Create("search_inbox", "Search the user's e-mail.", "query:string", "limit:integer?"),
            ToolSpec.Create("send_email", "Send an e-mail.", "to:string", "subject:string", "body:string"),
        ],
        [
            ToolSpec.Create("lookup_order", "Look up an order by its number.", "order_id:string"),
            ToolSpec.Create("issue_refund", "Refund an order, fully or partly.", "order_id:string", "amount:number", "reason:string=damaged/late/wrong_item/other"),
            ToolSpec.Create("create_ticket", "Open a support ticket.", "subject:string", "priority:string=low/normal/high"),
        ],
        [
            ToolSpec.Create("get_weather", "Get the weather forecast for a city.", "city:string", "unit:string=celsius/fahrenheit?"),
            ToolSpec.Create("set_reminder", "Set a reminder for the user.", "text:string", "time:string"),
        ],
        [
            ToolSpec.Create("sql_query", "Run a read-only SQL query against the analytics database.", "query:string"),
            ToolSpec.Create("describe_table", "Describe a table's columns.", "table:string"),
        ],
        [
            ToolSpec.Create("get_customer", "Fetch a customer record by e-mail.", "email:string"),
            ToolSpec.Create("update_ticket", "Update a ticket's status.", "ticket_id:string", "status:string=open/pending/resolved"),
        ],
        [
            ToolSpec.Create("get_stock_price", "Get the latest price for a ticker symbol.", "symbol:string"),
            ToolSpec.Create("convert_currency", "Convert an amount between currencies.", "amount:number", "from_currency:string", "to_currency:string"),
        ],
        [
            ToolSpec.Create("geocode", "Turn an address into coordinates.", "address:string"),
            ToolSpec.Create("get_directions", "Get driving directions between two places.", "origin:string", "destination:string", "avoid_tolls:boolean?"),
        ],
        [
            ToolSpec.Create("screenshot", "Take a screenshot of the current screen."),
            ToolSpec.Create("click", "Click at screen coordinates.", "x:integer", "y:integer"),
            ToolSpec.Create("type_text", "Type text at the cursor.", "text:string"),
            ToolSpec.Create("key_press", "Press a key combination.", "keys:string"),
        ],
        [
            ToolSpec.Create("run_tests", "Run the project's test suite and return failures.", "filter:string?"),
            ToolSpec.Create("apply_patch", "Apply a unified diff to the repository.", "patch:string"),
            ToolSpec.Create("grep", "Search the repository for a pattern.", "pattern:string", "path:string?"),
        ],
    ];
}
