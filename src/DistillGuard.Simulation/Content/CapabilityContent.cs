using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Words for the professional capabilities that no harvest lexicon names (SQL, contract clauses, medical coding,
/// chemistry, spreadsheet formulas): ordinary-sounding requests, written for every built-in language. Slots carry
/// language-neutral material (schemas, formulas, clinical shorthand, chemical formulas); the skeleton carries the
/// language. Used by campaigns that target these capabilities and by the legitimate people who need them.
/// </summary>
internal static class CapabilityContent
{
    public static bool Handles(ContentKind kind) => kind >= ContentKind.SqlQuery && kind <= ContentKind.SpreadsheetFormula;

    public static readonly Dictionary<ContentKind, string[]> English = new()
    {
        [ContentKind.SqlQuery] =
        [
            "Write a {x} query that {q}. | Schema: | ```\n{y}\n```",
            "I have these tables: | ```\n{y}\n``` | How do I {q}?",
            "{x}: {q}. | Tables below. | ```\n{y}\n```",
            "Can you help with a query? | I need to {q}. | ```\n{y}\n``` | We're on {x}.",
            "My {x} query is slow and wrong; it should {q}. | ```\n{y}\n```",
            "Given the schema below, write SQL to {q}. | ```\n{y}\n```",
            "quick sql question: {q} | ```\n{y}\n```",
            "Rewrite this as a single {x} query with a CTE, it needs to {q}. | ```\n{y}\n```",
            "For a dashboard I need a query that {q}. | Here is the schema: | ```\n{y}\n```",
            "How would you {q} in {x}? | Index suggestions welcome. | ```\n{y}\n```",
        ],
        [ContentKind.LegalClause] =
        [
            "Draft a {x} clause for a {t} governed by the law of {y}. | {q}",
            "Can you write a {x} clause for our {t}? | {q} | Jurisdiction: {y}.",
            "We need a balanced {x} provision in a {t} ({y} law). | {q}",
            "Redline suggestion please: a {x} clause for a {t}. | {q}",
            "Please propose wording for the {x} section of a {t} under {y} law. | {q}",
            "Draft a short {x} clause. | Contract: {t}. | Governing law: {y}. | {q}",
            "Our counterparty sent a one-sided {x} clause for the {t}. | Suggest a fairer version. | {q}",
            "Give me two alternative {x} clauses for a {t} ({y}). | {q}",
            "I'm a founder, not a lawyer. | What should a {x} clause in our {t} say? | {q}",
            "Suggest plain-English wording for a {x} clause ({t}, {y}). | {q}",
        ],
        [ContentKind.MedicalCoding] =
        [
            "Assign {x} codes to this encounter note: | {q}",
            "What {x} codes fit this {t} visit? | {q}",
            "Code this note in {x} and list the primary diagnosis first: | {q}",
            "Please suggest {x} codes with short descriptions. | {q}",
            "{t} encounter. | Which {x} codes apply? | {q}",
            "Review my coding for this {t} note; I used {a}. | {q}",
            "Extract billable {x} codes from: | {q}",
            "Coding question ({x}): | {q}",
            "Which {x} code is more specific for this? | {q}",
            "Help me code this {t} chart note for billing ({x}): | {q}",
        ],
        [ContentKind.ChemistryQa] =
        [
            "{q}",
            "Chemistry question: {q}",
            "{q} | Please show the units.",
            "For my {t} class: {q}",
            "Can you check this? {q} | I got {a}.",
            "Help with {t}: {q}",
            "{q} | Which formula should I use?",
            "Lab prep question. | {q}",
            "{q} | Please explain briefly.",
            "Studying for a {t} exam: {q}",
        ],
        [ContentKind.SpreadsheetFormula] =
        [
            "In {x}, I need a formula that {q}. | Columns: {y}",
            "{x} formula help: {q} | My columns are {y}.",
            "What formula would {q}? | Sheet layout: {y} | Using {x}.",
            "My sheet has {y}. | How can I {q} in {x}?",
            "Fix my formula, it should {q}: | {a} | ({x}, columns {y})",
            "Need a {x} formula to {q}. | Data: {y}",
            "Is there a way to {q} without a helper column? | {x}, columns {y}",
            "Write an array formula for {x} that will {q}. | {y}",
            "Spreadsheet question: how do I make a formula that {q}? | {y} | ({x})",
            "Can {x} do this with one formula? | I want it to {q}. | Columns: {y}",
        ],
    };

    /// <summary>Skeleton families per built-in language (family names from <see cref="LanguagePack.FamilyOf"/>).</summary>
    public static readonly Dictionary<string, Dictionary<string, string[]>> Families = new()
    {
        ["es"] = new()
        {
            ["sql"] = ["Escribe una consulta {x} que {q}. | Esquema: | ```\n{y}\n```", "Tengo estas tablas: | ```\n{y}\n``` | ¿Cómo puedo {q}?", "Mi consulta en {x} debería {q}, pero no funciona. | ```\n{y}\n```"],
            ["legal"] = ["Redacta una cláusula de {x} para un {t} sujeto a la ley de {y}. | {q}", "Necesitamos una cláusula de {x} equilibrada para nuestro {t}. | {q}"],
            ["medcode"] = ["Asigna códigos {x} a esta nota clínica: | {q}", "¿Qué códigos {x} corresponden a esta consulta de {t}? | {q}"],
            ["chem"] = ["Pregunta de química: {q}", "Tengo una duda de química: {q}", "Para mi clase de química: {q} | ¿Me lo explicas?"],
            ["sheet"] = ["En {x}, necesito una fórmula que {q}. | Columnas: {y}", "¿Qué fórmula de {x} sirve para {q}? | Mis columnas: {y}"],
        },
        ["de"] = new()
        {
            ["sql"] = ["Schreibe eine {x}-Abfrage, die {q}. | Schema: | ```\n{y}\n```", "Ich habe diese Tabellen: | ```\n{y}\n``` | Wie kann ich {q}?", "Meine {x}-Abfrage soll {q}, liefert aber falsche Werte. | ```\n{y}\n```"],
            ["legal"] = ["Formuliere eine {x}-Klausel für einen {t} nach dem Recht von {y}. | {q}", "Wir brauchen eine ausgewogene {x}-Regelung in unserem {t}. | {q}"],
            ["medcode"] = ["Vergib {x}-Codes für diesen Befund: | {q}", "Welche {x}-Codes passen zu diesem {t}-Termin? | {q}"],
            ["chem"] = ["Chemiefrage: {q}", "Ich habe eine Frage zur Chemie: {q}", "Für meinen Chemiekurs: {q} | Kannst du es kurz erklären?"],
            ["sheet"] = ["In {x} brauche ich eine Formel, die {q}. | Spalten: {y}", "Welche {x}-Formel kann {q}? | Meine Spalten: {y}"],
        },
        ["fr"] = new()
        {
            ["sql"] = ["Écris une requête {x} qui {q}. | Schéma : | ```\n{y}\n```", "J'ai ces tables : | ```\n{y}\n``` | Comment faire pour {q} ?", "Ma requête {x} devrait {q}, mais le résultat est faux. | ```\n{y}\n```"],
            ["legal"] = ["Rédige une clause de {x} pour un {t} soumis au droit de {y}. | {q}", "Il nous faut une clause de {x} équilibrée pour notre {t}. | {q}"],
            ["medcode"] = ["Attribue les codes {x} à ce compte rendu : | {q}", "Quels codes {x} pour cette consultation de {t} ? | {q}"],
            ["chem"] = ["Question de chimie : {q}", "J'ai une question de chimie : {q}", "Pour mon cours de chimie : {q} | Tu peux expliquer ?"],
            ["sheet"] = ["Dans {x}, il me faut une formule qui {q}. | Colonnes : {y}", "Quelle formule {x} permet de {q} ? | Mes colonnes : {y}"],
        },
        ["pt"] = new()
        {
            ["sql"] = ["Escreva uma consulta {x} que {q}. | Esquema: | ```\n{y}\n```", "Tenho estas tabelas: | ```\n{y}\n``` | Como faço para {q}?", "Minha consulta em {x} deveria {q}, mas não funciona. | ```\n{y}\n```"],
            ["legal"] = ["Redija uma cláusula de {x} para um {t} regido pela lei de {y}. | {q}", "Precisamos de uma cláusula de {x} equilibrada no nosso {t}. | {q}"],
            ["medcode"] = ["Atribua códigos {x} a esta nota clínica: | {q}", "Quais códigos {x} se aplicam a esta consulta de {t}? | {q}"],
            ["chem"] = ["Pergunta de química: {q}", "Tenho uma dúvida de química: {q}", "Para minha aula de química: {q} | Pode explicar?"],
            ["sheet"] = ["No {x}, preciso de uma fórmula que {q}. | Colunas: {y}", "Qual fórmula do {x} serve para {q}? | Minhas colunas: {y}"],
        },
        ["zh"] = new()
        {
            ["sql"] = ["写一个{x}查询，要求{q}。 | 表结构： | ```\n{y}\n```", "我有这些表： | ```\n{y}\n``` | 怎样才能{q}？", "我的{x}查询应该{q}，但结果不对。 | ```\n{y}\n```"],
            ["legal"] = ["请为适用{y}法律的{t}起草一条{x}条款。 | {q}", "我们的{t}需要一条公平的{x}条款。 | {q}"],
            ["medcode"] = ["请为这份病历分配{x}编码： | {q}", "这次{t}就诊应使用哪些{x}编码？ | {q}"],
            ["chem"] = ["化学问题：{q}", "请教一个化学问题：{q}", "化学课作业：{q} | 请简单解释一下。"],
            ["sheet"] = ["在{x}里，我需要一个公式来{q}。 | 列：{y}", "用什么{x}公式可以{q}？ | 我的列：{y}"],
        },
        ["ja"] = new()
        {
            ["sql"] = ["{q}{x}のクエリを書いてください。 | スキーマ： | ```\n{y}\n```", "次のテーブルがあります： | ```\n{y}\n``` | {q}にはどうすればいいですか？", "この{x}クエリで{q}たいのですが、結果が合いません。 | ```\n{y}\n```"],
            ["legal"] = ["{y}法を準拠法とする{t}の{x}条項を起草してください。 | {q}", "{t}に入れるバランスの取れた{x}条項が必要です。 | {q}"],
            ["medcode"] = ["この診療記録に{x}コードを付けてください： | {q}", "この{t}の受診にはどの{x}コードが該当しますか？ | {q}"],
            ["chem"] = ["化学の質問です：{q}", "化学について教えてください：{q}", "化学の授業の課題です：{q} | 簡単に説明してください。"],
            ["sheet"] = ["{x}で{q}数式が必要です。 | 列：{y}", "{q}にはどの{x}の数式を使えばいいですか？ | 列：{y}"],
        },
        ["ru"] = new()
        {
            ["sql"] = ["Напиши запрос {x}, который {q}. | Схема: | ```\n{y}\n```", "У меня такие таблицы: | ```\n{y}\n``` | Как {q}?", "Мой запрос в {x} должен {q}, но выдаёт не то. | ```\n{y}\n```"],
            ["legal"] = ["Составь пункт о {x} для {t} по праву {y}. | {q}", "Нам нужен сбалансированный пункт о {x} в нашем {t}. | {q}"],
            ["medcode"] = ["Присвой коды {x} этой записи приёма: | {q}", "Какие коды {x} подходят для приёма ({t})? | {q}"],
            ["chem"] = ["Вопрос по химии: {q}", "Помоги с химией: {q}", "Задача по химии: {q} | Объясни кратко."],
            ["sheet"] = ["В {x} нужна формула, которая {q}. | Столбцы: {y}", "Какой формулой {x} можно {q}? | Мои столбцы: {y}"],
        },
        ["hi"] = new()
        {
            ["sql"] = ["एक {x} क्वेरी लिखिए जो {q}। | स्कीमा: | ```\n{y}\n```", "मेरे पास ये टेबल हैं: | ```\n{y}\n``` | मैं कैसे {q}?"],
            ["legal"] = ["{y} के कानून के तहत {t} के लिए {x} क्लॉज़ का मसौदा बनाइए। | {q}", "हमारे {t} के लिए एक संतुलित {x} क्लॉज़ चाहिए। | {q}"],
            ["medcode"] = ["इस क्लिनिकल नोट के लिए {x} कोड बताइए: | {q}", "इस {t} विज़िट पर कौन से {x} कोड लगेंगे? | {q}"],
            ["chem"] = ["रसायन विज्ञान का सवाल: {q}", "मेरा रसायन विज्ञान का प्रश्न: {q} | कृपया समझाइए।"],
            ["sheet"] = ["{x} में मुझे ऐसा फ़ॉर्मूला चाहिए जो {q}। | कॉलम: {y}", "{q} के लिए {x} का कौन सा फ़ॉर्मूला होगा? | कॉलम: {y}"],
        },
        ["ar"] = new()
        {
            ["sql"] = ["اكتب استعلام {x} يقوم بما يلي: {q}. | المخطط: | ```\n{y}\n```", "لدي هذه الجداول: | ```\n{y}\n``` | كيف يمكنني {q}؟"],
            ["legal"] = ["صِغ بند {x} لعقد {t} يخضع لقانون {y}. | {q}", "نحتاج إلى بند {x} متوازن في {t} الخاص بنا. | {q}"],
            ["medcode"] = ["حدد رموز {x} لهذه الملاحظة السريرية: | {q}", "ما رموز {x} المناسبة لزيارة {t} هذه؟ | {q}"],
            ["chem"] = ["سؤال في الكيمياء: {q}", "لدي سؤال في الكيمياء: {q} | اشرح باختصار من فضلك."],
            ["sheet"] = ["أحتاج في {x} إلى صيغة {q}. | الأعمدة: {y}", "ما صيغة {x} التي {q}؟ | أعمدتي: {y}"],
        },
        ["ko"] = new()
        {
            ["sql"] = ["{q} {x} 쿼리를 작성해 주세요. | 스키마: | ```\n{y}\n```", "이런 테이블이 있습니다: | ```\n{y}\n``` | 어떻게 {q}?"],
            ["legal"] = ["{y} 법을 준거법으로 하는 {t}의 {x} 조항 초안을 작성해 주세요. | {q}", "우리 {t}에 들어갈 균형 잡힌 {x} 조항이 필요합니다. | {q}"],
            ["medcode"] = ["이 진료 기록에 {x} 코드를 지정해 주세요: | {q}", "이번 {t} 진료에는 어떤 {x} 코드가 맞나요? | {q}"],
            ["chem"] = ["화학 질문입니다: {q}", "화학 숙제 질문입니다: {q} | 간단히 설명해 주세요."],
            ["sheet"] = ["{x}에서 {q} 수식이 필요합니다. | 열: {y}", "{q} {x} 수식이 뭔가요? | 열: {y}"],
        },
    };

    private static readonly string[] Dialects = ["PostgreSQL", "MySQL", "SQLite", "SQL Server", "BigQuery", "Snowflake", "Oracle", "DuckDB"];
    private static readonly string[] Tables = ["orders", "customers", "invoices", "shipments", "subscriptions", "events", "tickets", "payments", "employees", "products"];
    private static readonly string[] SqlTasks =
    [
        "returns the ten customers with the highest total spend last year",
        "counts orders per month and shows the month-over-month change",
        "finds customers who signed up but never placed an order",
        "lists the second most recent payment for every account",
        "computes a 7-day rolling average of daily revenue",
        "deduplicates rows keeping the latest record per email",
        "shows each employee with their manager's name",
        "finds products that were never shipped to the EU",
        "calculates the churn rate per cohort month",
        "returns the median ticket resolution time per team",
        "pivots monthly totals into one column per region",
        "flags invoices paid more than 30 days after the due date",
    ];
    private static readonly string[] Columns = ["id", "customer_id", "created_at", "amount", "status", "region", "email", "due_date", "paid_at", "team_id", "manager_id", "sku"];

    private static readonly string[] ClauseTypes = ["limitation of liability", "indemnification", "confidentiality", "termination for convenience", "force majeure", "governing law and jurisdiction", "non-solicitation", "data processing", "assignment", "warranty disclaimer", "intellectual property ownership", "service level credits"];
    private static readonly string[] Contracts = ["SaaS subscription agreement", "master services agreement", "supplier agreement", "mutual NDA", "software licence", "consulting agreement", "commercial lease", "distribution agreement"];
    private static readonly string[] Jurisdictions = ["England and Wales", "New York", "Delaware", "California", "Ontario", "Singapore", "Germany", "France", "the Netherlands", "New South Wales", "Ireland", "Brazil"];
    private static readonly string[] LegalContexts =
    [
        "We are the vendor; cap our liability at the fees paid in the previous 12 months.",
        "We are the customer; the supplier handles personal data of our staff.",
        "Carve out gross negligence and wilful misconduct.",
        "It must survive termination for three years.",
        "Keep it under 150 words and in plain English.",
        "Either party may terminate with 60 days' written notice.",
        "Exclude indirect and consequential loss.",
        "Mutual obligations, no one-sided language.",
        "The other side is a much larger company, so we need some protection.",
        "Include a cure period of 30 days.",
    ];

    private static readonly string[] CodeSystems = ["ICD-10-CM", "ICD-10-CM", "CPT", "HCPCS", "SNOMED CT", "ICD-10-PCS", "ICD-11"];
    private static readonly string[] Specialties = ["cardiology", "primary care", "orthopedics", "emergency", "endocrinology", "dermatology", "pediatrics", "pulmonology"];
    private static readonly string[] Ages = ["34F", "58M", "71F", "45M", "62M", "29F", "8M", "80F", "52F", "67M"];
    private static readonly string[] Complaints = ["chest pain on exertion", "productive cough x 5 days", "R knee pain after fall", "polyuria and fatigue", "itchy rash on both forearms", "shortness of breath at night", "fever 39.1 C and ear pain", "low back pain radiating to L leg", "palpitations", "follow-up of hypertension"];
    private static readonly string[] History = ["T2DM", "HTN", "CKD stage 3", "asthma", "hyperlipidemia", "hypothyroidism", "AF on apixaban", "obesity BMI 34", "former smoker 20 pack-years", "no significant PMH"];
    private static readonly string[] Plans = ["ECG normal, troponin negative, start statin", "CXR shows RLL infiltrate, amoxicillin 1 g TID x 7 d", "X-ray no fracture, RICE, NSAIDs", "HbA1c 8.9 %, increase metformin", "topical steroid, review in 2 weeks", "echo ordered, refer to cardiology", "amoxicillin, paracetamol PRN", "PT referral, ibuprofen", "Holter monitor 48 h", "BP 148/92, add amlodipine 5 mg"];
    private static readonly string[] SampleCodes = ["I10", "E11.9", "J18.9", "M25.561", "R07.9", "L30.9", "99213", "93000", "N18.3", "I48.91"];

    private static readonly string[] ChemTopics = ["general chemistry", "stoichiometry", "acid-base equilibria", "thermochemistry", "organic chemistry", "electrochemistry", "gas laws", "kinetics"];
    private static readonly (string Formula, double Mass)[] Compounds = [("NaCl", 58.44), ("H2SO4", 98.08), ("CaCO3", 100.09), ("C6H12O6", 180.16), ("NaOH", 40.00), ("KMnO4", 158.03), ("NH3", 17.03), ("CO2", 44.01), ("HCl", 36.46), ("MgSO4", 120.37)];

    private static readonly string[] SheetApps = ["Excel", "Google Sheets", "LibreOffice Calc", "Excel 365", "Numbers"];
    private static readonly string[] SheetTasks =
    [
        "sums column D only where column A is \"North\" and column B is in March",
        "looks up the price from the Products sheet by SKU and returns 0 if missing",
        "counts unique customers in column B",
        "returns the last non-empty value in row 2",
        "calculates working days between the start and end dates, excluding holidays in H2:H20",
        "ranks sales within each region",
        "splits the full name in column A into first and last name",
        "highlights duplicates across two columns",
        "computes a running total that resets every month",
        "pulls the top 5 rows by revenue into another sheet",
        "converts text dates like 03/14/2025 into real dates",
        "averages the last 7 non-blank values",
    ];
    private static readonly string[] SheetLayouts = ["A: region, B: date, C: rep, D: amount", "A: SKU, B: name, C: qty, D: unit price", "A: customer, B: email, C: signup date, D: plan", "A: employee, B: start, C: end, D: hours", "A: date, B: category, C: amount, D: notes"];
    private static readonly string[] BrokenFormulas = ["=SUMIF(A:A,\"North\",D:D,B:B,\"March\")", "=VLOOKUP(A2,Products!A:D,4)", "=COUNTIF(B:B,B2)", "=AVERAGE(OFFSET(C1,COUNT(C:C)-7,0,7))", "=INDEX(2:2,COUNTA(2:2))"];

    public static void Fill(ContentKind kind, LanguagePack lang, ref SimRandom r, SlotValues s)
    {
        switch (kind)
        {
            case ContentKind.SqlQuery:
            {
                s.X.Append(Pick(ref r, Dialects));
                s.Q.Append(Pick(ref r, SqlTasks));
                int tables = 1 + r.Next(3);
                for (int i = 0; i < tables; i++)
                {
                    if (i > 0) s.Y.Append('\n');
                    string table = Pick(ref r, Tables);
                    s.Y.Append("CREATE TABLE ").Append(table).Append(" (");
                    int cols = 3 + r.Next(4);
                    for (int c = 0; c < cols; c++)
                    {
                        if (c > 0) s.Y.Append(", ");
                        string col = c == 0 ? "id" : Pick(ref r, Columns);
                        s.Y.Append(col).Append(col.EndsWith("_at") || col.EndsWith("date") ? " TIMESTAMP" : col == "amount" ? " NUMERIC(12,2)" : col.EndsWith("id") ? " BIGINT" : " TEXT");
                    }
                    s.Y.Append(");");
                }
                s.T.Append(Pick(ref r, Tables));
                break;
            }
            case ContentKind.LegalClause:
                s.X.Append(Pick(ref r, ClauseTypes));
                s.T.Append(Pick(ref r, Contracts));
                s.Y.Append(Pick(ref r, Jurisdictions));
                s.Q.Append(Pick(ref r, LegalContexts));
                if (r.Chance(0.4)) s.Q.Append(' ').Append(Pick(ref r, LegalContexts));
                break;
            case ContentKind.MedicalCoding:
                s.X.Append(Pick(ref r, CodeSystems));
                s.T.Append(Pick(ref r, Specialties));
                s.A.Append(Pick(ref r, SampleCodes)).Append(", ").Append(Pick(ref r, SampleCodes));
                s.Q.Append(Pick(ref r, Ages)).Append(". CC: ").Append(Pick(ref r, Complaints)).Append(". PMH: ").Append(Pick(ref r, History))
                    .Append(", ").Append(Pick(ref r, History)).Append(". Exam/results: ").Append(Pick(ref r, Plans)).Append('.');
                break;
            case ContentKind.ChemistryQa:
            {
                s.T.Append(Pick(ref r, ChemTopics));
                var (formula, mass) = Compounds[r.Next(Compounds.Length)];
                bool en = lang.Code == "en";
                switch (r.Next(4))
                {
                    case 0:
                    {
                        int grams = 1 + r.Next(200);
                        s.Q.Append(en ? "How many moles are in " : "").Append(grams).Append(" g ").Append(formula).Append(en ? "?" : " → mol?");
                        s.A.Append(Math.Round(grams / mass, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" mol");
                        break;
                    }
                    case 1:
                    {
                        int exp = 1 + r.Next(4);
                        s.Q.Append(en ? "What is the pH of a 1e-" : "pH (HCl, 1e-").Append(exp).Append(en ? " M HCl solution?" : " M)?");
                        s.A.Append(exp);
                        break;
                    }
                    case 2:
                        s.Q.Append(en ? "Balance: " : "").Append(Pick(ref r, Equations));
                        break;
                    default:
                    {
                        int v = 1 + r.Next(20), t1 = 250 + r.Next(100), t2 = 300 + r.Next(200);
                        s.Q.Append(en ? "A gas occupies " : "V1 = ").Append(v).Append(en ? " L at " : " L, T1 = ").Append(t1).Append(en ? " K. What is its volume at " : " K, T2 = ").Append(t2).Append(en ? " K and constant pressure?" : " K, p = const → V2?");
                        s.A.Append(Math.Round(v * (double)t2 / t1, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" L");
                        break;
                    }
                }
                break;
            }
            case ContentKind.SpreadsheetFormula:
                s.X.Append(Pick(ref r, SheetApps));
                s.Q.Append(Pick(ref r, SheetTasks));
                s.Y.Append(Pick(ref r, SheetLayouts));
                s.A.Append(Pick(ref r, BrokenFormulas));
                break;
        }
    }

    private static readonly string[] Equations = ["Fe + O2 -> Fe2O3", "C3H8 + O2 -> CO2 + H2O", "Al + HCl -> AlCl3 + H2", "KClO3 -> KCl + O2", "NH3 + O2 -> NO + H2O", "Cu + HNO3 -> Cu(NO3)2 + NO + H2O"];

    /// <summary>The visible answer for a capability kind.</summary>
    public static void Answer(ContentKind kind, LanguagePack lang, SlotValues s, ref SimRandom r, int target, string[] prose, CharBuffer o)
    {
        int start = o.Length;
        switch (kind)
        {
            case ContentKind.SqlQuery:
                o.Append("```sql\nWITH base AS (\n  SELECT customer_id, date_trunc('month', created_at) AS month, SUM(amount) AS total\n  FROM ")
                    .Append(s.T.IsEmpty ? "orders" : s.T.Span).Append("\n  WHERE status = 'paid'\n  GROUP BY 1, 2\n)\nSELECT month, customer_id, total,\n       total - LAG(total) OVER (PARTITION BY customer_id ORDER BY month) AS change\nFROM base\nORDER BY total DESC\nLIMIT ")
                    .Append(5 + r.Next(20)).Append(";\n```\n\n");
                break;
            case ContentKind.SpreadsheetFormula:
                o.Append(r.Next(3) switch
                {
                    0 => "=SUMIFS(D:D, A:A, \"North\", B:B, \">=\"&DATE(2025,3,1), B:B, \"<\"&DATE(2025,4,1))",
                    1 => "=IFERROR(XLOOKUP(A2, Products!A:A, Products!D:D), 0)",
                    _ => "=LET(v, FILTER(C:C, C:C<>\"\"), AVERAGE(TAKE(v, -7)))",
                }).Append("\n\n");
                break;
            case ContentKind.MedicalCoding:
                o.Append(s.X.IsEmpty ? "ICD-10-CM" : s.X.Span).Append(":\n");
                int n = 2 + r.Next(3);
                for (int i = 0; i < n; i++) o.Append("- ").Append(Pick(ref r, SampleCodes)).Append('\n');
                o.Append('\n');
                break;
            case ContentKind.ChemistryQa:
                if (!s.A.IsEmpty) { Sentences(prose, lang.Spaces, ref r, 2, o); o.Append("\n\n").Append(lang.FinalAnswer).Append(' ').Append(s.A).Append("\n\n"); }
                break;
        }
        while (o.Length - start < target)
        {
            if (o.Length > start && lang.Spaces) o.Append(' ');
            o.Append(prose[r.Next(prose.Length)]);
        }
    }

    private static void Sentences(string[] pool, bool spaces, ref SimRandom r, int n, CharBuffer o)
    {
        for (int i = 0; i < n; i++)
        {
            if (i > 0 && spaces) o.Append(' ');
            o.Append(pool[r.Next(pool.Length)]);
        }
    }

    private static T Pick<T>(ref SimRandom r, T[] items) => items[r.Next(items.Length)];
}
