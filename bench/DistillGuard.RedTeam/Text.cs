namespace DistillGuard.RedTeam;

/// <summary>Built-in text, written for this generator. Several languages; slot-filled for variety.</summary>
public static partial class Text
{
    public static string Fill(string t, Rng r, params (string key, string[] vals)[] slots)
    {
        foreach (var (k, v) in slots)
            while (t.Contains("{" + k + "}")) { int i = t.IndexOf("{" + k + "}", StringComparison.Ordinal); t = t[..i] + r.Pick(v) + t[(i + k.Length + 2)..]; }
        return t;
    }

    // ------------------------------------------------------------------ everyday English
    public static readonly string[] EnTopics =
    [
        "sourdough starter", "a used car", "my landlord", "a job interview", "marathon training", "a wedding toast", "houseplants",
        "the French Revolution", "compound interest", "a Roth IRA", "climate zones", "black holes", "my cat's diet", "a road trip through Utah",
        "learning Japanese", "a resignation letter", "sleep schedules", "meal prep", "a birthday party for a 6 year old", "home insurance",
        "a cover letter for a nursing job", "the Krebs cycle", "photosynthesis", "index funds", "a D&D campaign", "guitar chords",
        "a leaking faucet", "solar panels", "the Treaty of Westphalia", "a podcast intro", "remote work", "a small bakery's Instagram",
        "negotiating salary", "a toddler who won't sleep", "a grant proposal", "a thesis outline", "the Roman Empire", "ketogenic diets",
        "my first 5K", "a Tokyo itinerary", "a chemistry lab report", "moving to Berlin", "a product launch email", "an apology to a friend",
    ];

    public static readonly string[] EnChat =
    [
        "can you explain {t} like I'm a beginner?", "what are the pros and cons of {t}?", "I need help with {t}. where do I start",
        "Give me 5 ideas for {t}", "write a short paragraph about {t}", "What's the most common mistake people make with {t}?",
        "how do i deal with {t}?? im kind of stressed", "Summarize the key facts about {t} in bullet points.",
        "Is it worth it to spend money on {t}?", "help me plan {t}, I have about two weeks", "what should I know before {t}",
        "Explain {t} in simple terms, with an example.", "I'm writing something about {t} - can you suggest a structure?",
        "quick question about {t}: is it normal that it takes so long?", "compare two approaches to {t} for me",
        "Give me a checklist for {t}.", "Tell me something surprising about {t}", "rewrite this to sound more friendly: \"about {t}, we can't proceed right now\"",
    ];

    public static readonly string[] EnFollow =
    [
        "thanks! can you make it shorter?", "Can you give an example?", "ok and what about the cost?", "that's helpful. what would you do first?",
        "can you put that in a table", "hmm, I don't think that's right, can you double check?", "make it more casual please",
        "Great. Now translate it to Spanish.", "What if I only have a weekend?", "and for someone with no experience?", "perfect, thank you!! one more thing - sources?",
        "Could you expand point 2?", "ok. shorter and punchier", "why?",
    ];

    public static readonly string[] EnAnswer =
    [
        "The short version is that {t} depends mostly on consistency rather than any single big decision.",
        "A good first step with {t} is to write down what you already know and what you actually need.",
        "Most people underestimate how much preparation {t} takes, so build in some buffer time.",
        "Here is a practical way to think about it: start small, measure what happens, and adjust.",
        "There are two common approaches, and each has trade-offs in cost, time and flexibility.",
        "If you are just starting out, focus on the fundamentals before worrying about the details.",
        "One thing that often helps is talking to someone who has done it before and asking what surprised them.",
        "In practice, the answer varies with your budget and your timeline.",
        "A simple checklist can keep you from forgetting the boring but important parts.",
        "You can usually recover from early mistakes, so don't let perfect be the enemy of good.",
        "The main risk is overcommitting at the beginning and burning out halfway through.",
        "For most situations, the middle option gives the best balance.",
        "If you want, I can turn this into a step-by-step plan with dates.",
        "Keep in mind that local rules and prices can differ quite a bit.",
    ];

    // ------------------------------------------------------------------ other languages (full sentences, no slots)
    public static readonly Dictionary<string, string[]> Chat = new()
    {
        ["es"] = ["¿Me puedes explicar qué es el interés compuesto con un ejemplo?", "Necesito ideas para el cumpleaños de mi hija, cumple 7 años",
            "¿Cómo redacto un correo para pedir un aumento de sueldo?", "Hazme un plan de comidas saludables para una semana", "¿Qué diferencia hay entre un ETF y un fondo indexado?",
            "Resume la historia de la independencia de México en cinco puntos", "Estoy aprendiendo inglés, ¿qué series me recomiendas?", "¿Cómo arreglo una llave de agua que gotea?",
            "Escribe un mensaje de disculpa para un cliente por un retraso en el envío", "Dame consejos para una entrevista de trabajo en una startup"],
        ["pt"] = ["Como faço um currículo para a primeira vaga de estágio?", "Me explica a diferença entre CDB e Tesouro Direto", "Sugira um roteiro de 4 dias em Lisboa",
            "Escreva uma legenda divertida para o Instagram da minha padaria", "Qual é a melhor forma de estudar para o ENEM em 3 meses?", "Como convencer meu chefe a aprovar home office?",
            "Preciso de uma receita de bolo sem glúten", "Resuma o que foi a Revolução Industrial", "Me ajuda a responder esse e-mail de um cliente irritado?"],
        ["de"] = ["Kannst du mir erklären, wie eine Wärmepumpe funktioniert?", "Schreib mir bitte eine kurze Kündigung für mein Fitnessstudio", "Was sind gute Fragen für ein Vorstellungsgespräch als Entwickler?",
            "Wie plane ich eine Radtour entlang der Mosel?", "Fasse die Ursachen des Ersten Weltkriegs zusammen", "Wie viel sollte ich monatlich für die Rente sparen?",
            "Formuliere diese E-Mail höflicher: Wir können den Termin nicht halten.", "Welche Zimmerpflanzen kommen mit wenig Licht aus?", "Erklär mir den Unterschied zwischen GmbH und UG"],
        ["fr"] = ["Peux-tu m'aider à écrire une lettre de motivation pour un poste de comptable ?", "Explique-moi simplement la photosynthèse", "Quelles sont les meilleures choses à voir à Lyon en un week-end ?",
            "Comment négocier mon loyer avec mon propriétaire ?", "Fais-moi un résumé de la Révolution française", "Donne-moi un programme pour courir 10 km en 8 semaines",
            "Reformule ce paragraphe pour qu'il soit plus professionnel", "Quelle est la différence entre un PEA et une assurance-vie ?"],
        ["ja"] = ["来週のプレゼンの構成を考えてください。テーマは新しい業務システムの導入です。", "複利の仕組みを中学生にもわかるように説明してください", "上司へのお詫びメールを丁寧に書き直してほしいです",
            "京都で2日間過ごすならおすすめのルートは？", "英語の勉強を続けるコツを教えて", "この文章を要約してください：最近のリモートワークの課題について",
            "子供の夏休みの自由研究のアイデアを5つください", "転職の面接でよく聞かれる質問と答え方を教えて"],
        ["zh"] = ["帮我写一封请假邮件，理由是家里有事", "用通俗的话解释一下什么是通货膨胀", "周末去杭州玩两天，有什么推荐的路线？", "怎么提高英语口语？有没有具体的方法",
            "帮我把这段话改得更正式一点：我们这边暂时没办法按时交货", "给我推荐几本适合入门的经济学书", "简单总结一下第一次工业革命的影响", "我想开始健身，给我一个新手一周计划",
            "帮我想几个奶茶店的名字", "孩子不爱写作业怎么办？"],
        ["ko"] = ["자기소개서 첫 문단을 자연스럽게 고쳐 주세요", "복리 이자를 쉽게 설명해 줄 수 있어?", "제주도 3박 4일 여행 일정 추천해줘", "회의록을 간단하게 요약하는 방법 알려줘",
            "영어 면접 준비는 어떻게 하면 좋을까요?", "고객에게 보낼 사과 메일을 정중하게 써 주세요"],
        ["ru"] = ["Объясни простыми словами, что такое инфляция", "Помоги написать сопроводительное письмо на должность аналитика", "Что посмотреть в Санкт-Петербурге за два дня?",
            "Как правильно составить бюджет семьи?", "Перефразируй этот текст более официально", "Дай план тренировок для начинающего на неделю"],
        ["tr"] = ["Bana bileşik faizi basit bir örnekle anlatır mısın?", "İş görüşmesi için kendimi nasıl tanıtmalıyım?", "İstanbul'da bir hafta sonu için gezi planı yapar mısın",
            "Müşteriye gecikme için özür e-postası yaz", "İngilizce öğrenmek için günlük bir plan hazırla"],
        ["id"] = ["Tolong jelaskan apa itu inflasi dengan bahasa sederhana", "Buatkan caption Instagram untuk toko kue saya", "Bagaimana cara membuat CV yang menarik untuk fresh graduate?",
            "Rekomendasi itinerary 3 hari di Yogyakarta dong", "Tolong perbaiki email ini supaya lebih sopan"],
        ["vi"] = ["Giải thích giúp mình lãi kép là gì với ví dụ đơn giản", "Viết giúp mình một email xin nghỉ phép", "Gợi ý lịch trình 3 ngày ở Đà Nẵng", "Làm sao để học tiếng Anh hiệu quả khi đi làm?",
            "Tóm tắt nguyên nhân của chiến tranh thế giới thứ nhất"],
    };

    public static readonly Dictionary<string, string[]> Follow = new()
    {
        ["es"] = ["Gracias, ¿puedes hacerlo más corto?", "¿Y si tengo menos presupuesto?", "Dame un ejemplo concreto", "Perfecto, ahora en tono más informal"],
        ["pt"] = ["Valeu! Pode deixar mais curto?", "E se eu tiver pouco tempo?", "Me dá um exemplo prático", "Agora em tom mais formal, por favor"],
        ["de"] = ["Danke! Geht das auch kürzer?", "Und was kostet das ungefähr?", "Kannst du ein Beispiel geben?", "Bitte etwas lockerer formulieren"],
        ["fr"] = ["Merci ! Tu peux raccourcir ?", "Et si j'ai moins de temps ?", "Donne-moi un exemple concret", "Plus formel, s'il te plaît"],
        ["ja"] = ["ありがとうございます。もう少し短くできますか？", "具体例を挙げてください", "もっとカジュアルな言い方にして", "表にまとめてもらえますか"],
        ["zh"] = ["谢谢！能再简短一点吗？", "可以举个具体例子吗", "换成更口语化的说法", "能做成表格吗"],
        ["ko"] = ["고마워요! 좀 더 짧게 해줄래요?", "예시를 들어 주세요", "좀 더 친근한 말투로 바꿔줘"],
        ["ru"] = ["Спасибо! Можно короче?", "Приведи пример", "А если бюджет меньше?"],
        ["tr"] = ["Teşekkürler, biraz kısaltır mısın?", "Bir örnek verir misin?", "Daha resmi yazar mısın?"],
        ["id"] = ["Makasih! Bisa dibuat lebih singkat?", "Kasih contoh dong", "Bisa lebih formal?"],
        ["vi"] = ["Cảm ơn! Bạn viết ngắn hơn được không?", "Cho mình ví dụ cụ thể", "Viết trang trọng hơn nhé"],
    };

    public static readonly Dictionary<string, string[]> Answer = new()
    {
        ["es"] = ["La idea principal es sencilla: empezar poco a poco y revisar el resultado.", "Hay dos caminos habituales, cada uno con ventajas y desventajas.", "Te recomiendo preparar una lista antes de empezar.",
            "Depende sobre todo de tu presupuesto y del tiempo que tengas.", "Un error común es querer hacerlo todo al mismo tiempo.", "Si quieres, puedo convertir esto en un plan paso a paso."],
        ["pt"] = ["A ideia principal é começar pequeno e ajustar com o tempo.", "Existem duas abordagens comuns, cada uma com prós e contras.", "Vale a pena fazer uma lista antes de começar.",
            "Depende principalmente do seu orçamento e do prazo.", "Um erro comum é tentar resolver tudo de uma vez.", "Se quiser, posso transformar isso em um plano detalhado."],
        ["de"] = ["Im Kern geht es darum, klein anzufangen und regelmäßig nachzujustieren.", "Es gibt zwei übliche Wege, beide mit Vor- und Nachteilen.", "Am besten legst du vorher eine kurze Liste an.",
            "Das hängt vor allem von Budget und Zeitrahmen ab.", "Ein häufiger Fehler ist, alles gleichzeitig erledigen zu wollen.", "Wenn du möchtest, mache ich daraus einen Schritt-für-Schritt-Plan."],
        ["fr"] = ["L'idée principale est de commencer petit et d'ajuster au fur et à mesure.", "Il existe deux approches courantes, chacune avec ses avantages.", "Je te conseille de préparer une liste avant de commencer.",
            "Tout dépend surtout de ton budget et de ton calendrier.", "Une erreur fréquente est de vouloir tout faire en même temps.", "Si tu veux, je peux en faire un plan étape par étape."],
        ["ja"] = ["ポイントは、小さく始めて少しずつ調整することです。", "よくある方法は2つあり、それぞれに長所と短所があります。", "始める前に簡単なリストを作っておくと安心です。",
            "予算とスケジュールによって最適な答えは変わります。", "よくある失敗は、一度に全部やろうとすることです。", "必要であれば、ステップごとの計画にまとめます。"],
        ["zh"] = ["核心思路是先从小处开始，再根据结果逐步调整。", "常见的做法有两种，各有优缺点。", "建议在开始之前先列一个简单的清单。", "具体还要看你的预算和时间安排。",
            "一个常见的误区是想一次把所有事情都做完。", "如果需要，我可以帮你整理成一份分步骤的计划。"],
        ["ko"] = ["핵심은 작게 시작해서 조금씩 조정하는 것입니다.", "일반적인 방법은 두 가지가 있고 각각 장단점이 있습니다.", "시작하기 전에 간단한 목록을 만들어 두세요.", "예산과 일정에 따라 달라집니다."],
        ["ru"] = ["Главное — начать с малого и постепенно корректировать план.", "Есть два распространённых подхода, у каждого свои плюсы и минусы.", "Перед началом полезно составить короткий список.", "Многое зависит от бюджета и сроков."],
        ["tr"] = ["Ana fikir küçük başlamak ve zamanla düzeltmek.", "İki yaygın yaklaşım var, ikisinin de artıları ve eksileri var.", "Başlamadan önce kısa bir liste hazırlamanı öneririm.", "Bu büyük ölçüde bütçene ve zamanına bağlı."],
        ["id"] = ["Intinya, mulai dari yang kecil lalu sesuaikan pelan-pelan.", "Ada dua pendekatan umum, masing-masing punya kelebihan.", "Sebaiknya buat daftar singkat sebelum mulai.", "Semua tergantung anggaran dan waktu kamu."],
        ["vi"] = ["Ý chính là bắt đầu từ việc nhỏ rồi điều chỉnh dần.", "Có hai cách phổ biến, mỗi cách đều có ưu và nhược điểm.", "Bạn nên lập một danh sách ngắn trước khi bắt đầu.", "Điều này phụ thuộc vào ngân sách và thời gian của bạn."],
    };

    public static string UserChat(Rng r, string lang)
        => lang == "en" || !Chat.ContainsKey(lang) ? Cap(r, Fill(r.Pick(EnChat), r, ("t", EnTopics))) : r.Pick(Chat[lang]);

    public static string UserFollow(Rng r, string lang)
        => lang == "en" || !Follow.ContainsKey(lang) ? r.Pick(EnFollow) : r.Pick(Follow[lang]);

    public static string Prose(Rng r, string lang, int sentences, string? topic = null)
    {
        var bank = lang == "en" || !Answer.ContainsKey(lang) ? EnAnswer : Answer[lang];
        var sb = new System.Text.StringBuilder();
        string t = topic ?? r.Pick(EnTopics);
        var order = Enumerable.Range(0, bank.Length).ToArray();
        r.Shuffle(order);
        for (int i = 0; i < sentences; i++)
        {
            if (i > 0) sb.Append(lang is "ja" or "zh" ? "" : " ");
            if (i > 0 && i % 4 == 0) sb.Append("\n\n");
            if (i > 0 && i % order.Length == 0) r.Shuffle(order);
            sb.Append(bank[order[i % order.Length]].Replace("{t}", t));
        }
        return sb.ToString();
    }

    private static string Cap(Rng r, string s) => r.Chance(0.6) && s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s;

    /// <summary>Rough token estimate: ~4 chars a token for Latin text, ~1.3 chars for CJK.</summary>
    public static int Tokens(string? s)
    {
        if (string.IsNullOrEmpty(s)) return 0;
        int cjk = 0;
        foreach (char c in s) if (c >= 0x3000) cjk++;
        return Math.Max(1, (s.Length - cjk) / 4 + (int)(cjk / 1.3));
    }
}
