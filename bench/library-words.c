/* library-words.c — the vocabulary bench/library-generate writes articles from
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "library-words.h"

/* English */

static const char *const en_function[] = {
  "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "on",
  "by", "this", "are", "be", "at", "from", "or", "have", "an", "they", "which", "not", "but",
  "has", "were", "their", "more", "than", "its", "can", "been", "would", "about", "into",
  "will", "also", "when", "there", "after", "over", "some", "could", "most", "what", "only",
  "other", "because", "while", "through", "where", "before", "between", "under", "each",
  "both", "such", "even", "much", "those", "these", "every", "without", "against", "still",
  NULL
};

static const char *const en_general[] = {
  "people", "year", "time", "work", "city", "new", "government", "company", "part", "place",
  "system", "number", "world", "day", "week", "public", "group", "problem", "plan", "money",
  "report", "study", "change", "question", "state", "local", "market", "service", "area",
  "family", "school", "project", "country", "research", "power", "water", "program", "cost",
  "price", "building", "community", "policy", "decision", "month", "history", "idea",
  "information", "support", "experience", "figure", "interview", "evidence", "experts",
  "analysis", "officials", "director", "council", "workers", "residents", "students",
  "says", "said", "told", "found", "made", "built", "started", "expected", "announced",
  "argued", "explained", "suggested", "described", "remains", "continues", "reported",
  "increased", "reduced", "opened", "closed", "moved", "grew", "fell", "rose", "signed",
  "large", "small", "long", "important", "early", "recent", "major", "different", "higher",
  "lower", "national", "regional", "private", "economic", "social", "political", "difficult",
  "possible", "likely", "clear", "simple", "common", "modern", "traditional", "available",
  "last", "first", "second", "next", "several", "many", "few", "often", "already", "almost",
  "perhaps", "however", "instead", "quickly", "slowly", "finally", "largely", "recently",
  "nearly", "roughly", "mostly", "openly", "quietly", "suddenly", "eventually", "together",
  "neighbourhood", "street", "river", "bridge", "road", "village", "region", "island",
  "valley", "coast", "harbour", "station", "office", "factory", "hospital", "library",
  "museum", "university", "laboratory", "garden", "kitchen", "window", "door", "table",
  "letter", "book", "paper", "article", "photograph", "map", "record", "archive", "list",
  "story", "voice", "language", "word", "sign", "message", "meeting", "agreement", "contract",
  "budget", "tax", "law", "court", "election", "vote", "campaign", "party", "minister",
  "mayor", "committee", "agency", "department", "industry", "business", "shop", "customer",
  "owner", "tenant", "landlord", "neighbour", "volunteer", "teacher", "doctor", "nurse",
  "engineer", "scientist", "farmer", "driver", "writer", "artist", "musician", "reader",
  "winter", "summer", "spring", "autumn", "morning", "evening", "night", "decade", "century",
  "future", "past", "moment", "season", "weekend", "holiday", "generation", "childhood",
  "growth", "loss", "risk", "chance", "effort", "pressure", "demand", "supply", "shortage",
  "surplus", "debt", "income", "wage", "rent", "profit", "investment", "subsidy", "grant",
  "network", "platform", "software", "device", "screen", "machine", "tool", "method",
  "process", "model", "pattern", "sample", "result", "measure", "standard", "rule",
  "ambition", "patience", "curiosity", "trust", "doubt", "surprise", "memory", "attention",
  "balance", "distance", "silence", "weather", "light", "noise", "smell", "colour", "shape",
  "copper", "timber", "concrete", "glass", "steel", "cotton", "wool", "clay", "salt", "grain",
  "lantern", "ledger", "compass", "anchor", "orchard", "meadow", "quarry", "estuary",
  "tributary", "moorland", "allotment", "greenhouse", "workshop", "warehouse", "depot",
  NULL
};

static const char *const en_given[] = {
  "Anna", "James", "Maria", "David", "Sarah", "Michael", "Laura", "Daniel", "Emma", "Thomas",
  "Grace", "Samuel", "Olivia", "Kwame", "Priya", "Mateo", "Aisha", "Lucas", "Hannah", "Omar",
  "Chloe", "Ravi", "Nora", "Felix", "Ingrid", "Tomás", "Yuki", "Zainab", "Elena", "Patrick",
  "Ruth", "Martin", "Isabel", "Jonah", "Leila", "Henry", "Maya", "Adrian", "Clara", "Dev",
  NULL
};

static const char *const en_family[] = {
  "Smith", "Johnson", "Okafor", "Patel", "García", "Nguyen", "Kowalski", "O'Brien", "Murphy",
  "Campbell", "Reyes", "Lindqvist", "Haddad", "Mensah", "Fischer", "Rossi", "Kim", "Tanaka",
  "Walker", "Hughes", "Bennett", "Ferreira", "Novak", "Abara", "Carter", "Sullivan", "Morgan",
  "Alvarez", "Chen", "Ibrahim", "Doyle", "Whitaker", "Ashworth", "Pemberton", "Larsen",
  NULL
};

/* German: long compounds, as German writes them */

static const char *const de_function[] = {
  "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
  "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus",
  "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch",
  "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber",
  "vor", "zur", "bis", "mehr", "durch", "man", "sein", "wurde", "sei", "schon", "wenn",
  "seit", "gegen", "unter", "weil", "ohne", "jedoch", "sowie", "während", "zwischen",
  NULL
};

static const char *const de_general[] = {
  "Menschen", "Jahr", "Stadt", "Zeit", "Unternehmen", "Regierung", "Prozent", "Arbeit",
  "Rechenzentrumsbetreiber", "Rechenzentrum", "Stromnetz", "Energiewende", "Strompreis",
  "Bundesregierung", "Datenschutzgrundverordnung", "Bundesnetzagentur", "Wärmepumpe",
  "Wärmepumpenförderung", "Gemeinderatssitzung", "Bürgerbeteiligung", "Glasfaserausbau",
  "Fachkräftemangel", "Lieferkettengesetz", "Mietpreisbremse", "Klimaschutzprogramm",
  "Wasserstoffwirtschaft", "Windkraftanlagen", "Straßenbahnverbindung", "Verkehrsministerium",
  "Krankenhausreform", "Krankenversicherung", "Hochschulrektorenkonferenz", "Digitalisierung",
  "Digitalisierungsstrategie", "Landesregierung", "Kommunalverwaltung", "Stadtwerke",
  "Fernwärmenetz", "Kraftwerkskapazität", "Rechenleistung", "Speicherkapazität",
  "Netzentgelte", "Ausschreibung", "Genehmigungsverfahren", "Bebauungsplan", "Flächennutzung",
  "Grundwasserspiegel", "Hochwasserschutz", "Waldbrandgefahr", "Artenvielfalt",
  "Bundesverfassungsgericht", "Haushaltsausschuss", "Steuerzahler", "Schuldenbremse",
  "Arbeitsmarkt", "Ausbildungsplatz", "Berufsschule", "Hausarztpraxis", "Pflegekräfte",
  "Wohnungsbau", "Wohnungsnot", "Nachbarschaft", "Innenstadt", "Bahnhof", "Autobahn",
  "Fahrradweg", "Nahverkehr", "Deutschlandticket", "Landwirtschaft", "Milchbauern",
  "Forschung", "Wissenschaftler", "Studie", "Ergebnis", "Entwicklung", "Frage", "Problem",
  "Beispiel", "Woche", "Monat", "Jahrzehnt", "Zukunft", "Geschichte", "Gesellschaft",
  "Verwaltung", "Bürgermeisterin", "Bürgermeister", "Ministerium", "Verband", "Gewerkschaft",
  "Geschäftsführer", "Mitarbeiter", "Kunden", "Nutzer", "Daten", "Software", "Plattform",
  "Server", "Abwärme", "Kühlung", "Wasserverbrauch", "Flächenverbrauch", "Gewerbegebiet",
  "Standortentscheidung", "Investitionen", "Milliarden", "Millionen", "Kosten", "Preise",
  "neue", "neuen", "große", "großen", "wichtige", "öffentlichen", "digitalen", "deutschen",
  "europäischen", "regionalen", "kommunalen", "ersten", "letzten", "höhere", "niedrigere",
  "schwierig", "möglich", "deutlich", "bereits", "derzeit", "künftig", "bisher", "zudem",
  "allerdings", "tatsächlich", "ungefähr", "weiterhin", "gemeinsam", "schnell", "langsam",
  "sagt", "sagte", "erklärt", "fordert", "plant", "baut", "steigen", "sinken", "wachsen",
  "kritisiert", "betont", "berichtet", "zeigt", "bleibt", "entsteht", "gilt", "fehlt",
  "Übergangsfrist", "Straßenbahnhaltestelle", "Kindertagesstätte", "Einfamilienhaus",
  "Mehrfamilienhaus", "Photovoltaikanlage", "Balkonkraftwerk", "Netzausbau", "Umspannwerk",
  NULL
};

static const char *const de_given[] = {
  "Jürgen", "Anna", "Lukas", "Katharina", "Matthias", "Sabine", "Jonas", "Miriam", "Stefan",
  "Lea", "Tobias", "Ursula", "Felix", "Hannah", "Günter", "Sophie", "Maximilian", "Jana",
  NULL
};

static const char *const de_family[] = {
  "Müller", "Schäfer", "Weiß", "Schmidt", "Becker", "Hoffmann", "Krüger", "Wagner",
  "Schröder", "Neumann", "Zimmermann", "Böhm", "Köhler", "Lehmann", "Hartmann", "Groß",
  NULL
};

/* French, with its accents */

static const char *const fr_function[] = {
  "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
  "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "aux",
  "avec", "son", "sa", "ses", "leur", "mais", "où", "été", "être", "comme", "ont", "cette",
  "elle", "nous", "entre", "après", "avant", "sans", "sous", "depuis", "selon", "déjà",
  "très", "aussi", "encore", "même", "tout", "toute", "chez", "donc", "alors", "où", NULL
};

static const char *const fr_general[] = {
  "personnes", "année", "ville", "temps", "société", "gouvernement", "entreprise", "travail",
  "données", "électricité", "énergie", "réseau", "développement", "économie", "région",
  "ministère", "élection", "député", "mairie", "quartier", "école", "écoles", "étudiants",
  "université", "hôpital", "santé", "médecin", "infirmière", "numérique", "intelligence",
  "artificielle", "stockage", "centre", "serveurs", "chaleur", "refroidissement", "eau",
  "forêt", "rivière", "côte", "été", "hiver", "printemps", "automne", "château", "théâtre",
  "bibliothèque", "musée", "fenêtre", "rue", "gare", "tramway", "vélo", "autoroute",
  "agriculteurs", "blé", "vignoble", "fromage", "pêcheurs", "port", "île", "montagne",
  "village", "commune", "département", "préfecture", "maire", "conseil", "habitants",
  "voisins", "famille", "enfants", "jeunes", "retraités", "salariés", "syndicat", "grève",
  "loyer", "logement", "prix", "coût", "impôts", "budget", "dette", "croissance", "chômage",
  "marché", "clients", "usagers", "projet", "étude", "rapport", "résultat", "enquête",
  "question", "problème", "exemple", "semaine", "mois", "décennie", "avenir", "histoire",
  "mémoire", "cœur", "garçon", "sœur", "œuvre", "français", "française", "européenne",
  "européen", "nouvelle", "nouveau", "grande", "grand", "première", "premier", "dernière",
  "publique", "publics", "régionale", "nationale", "économique", "écologique", "sociale",
  "difficile", "possible", "récemment", "rapidement", "lentement", "finalement", "vraiment",
  "dit", "déclare", "explique", "affirme", "prévoit", "annonce", "réclame", "critique",
  "souligne", "reconnaît", "constate", "construit", "augmente", "baisse", "reste", "devient",
  "évolution", "accès", "réalité", "sécurité", "qualité", "capacité", "activité", "fidélité",
  NULL
};

static const char *const fr_given[] = {
  "Amélie", "François", "Hélène", "Jérôme", "Camille", "Théo", "Léa", "Benoît", "Céline",
  "Mathéo", "Zoé", "Loïc", "Anaïs", "Étienne", "Margaux", "Noël", NULL
};

static const char *const fr_family[] = {
  "Lefèvre", "Dubois", "Girard", "Moreau", "Lambert", "Fournier", "Mercier", "Bénard",
  "Rousseau", "Gauthier", "Chevalier", "Faure", "Garnier", "Lemaître", NULL
};

/* Chinese: no spaces between words */

static const char *const zh_function[] = {
  "的", "了", "在", "是", "和", "也", "都", "将", "对", "与", "把", "被", "从", "向",
  "为", "而", "但", "又", "就", "还", NULL
};

static const char *const zh_general[] = {
  "我们", "他们", "数据", "中心", "能源", "城市", "发展", "技术", "人工智能", "研究", "政府",
  "经济", "公司", "市场", "服务", "云计算", "网络", "用户", "教育", "学生", "医院", "健康",
  "环境", "气候", "变化", "交通", "地铁", "文化", "历史", "今年", "去年", "已经", "正在",
  "可以", "需要", "重要", "问题", "建设", "投资", "企业", "全球", "中国", "北京", "上海",
  "深圳", "数字化", "电力", "工程师", "科学家", "报告", "显示", "表示", "认为", "计划",
  "项目", "居民", "社区", "工作", "时间", "方面", "情况", "部门", "管理", "系统", "平台",
  "软件", "手机", "互联网", "数据中心", "电网", "太阳能", "风能", "水资源", "农业", "农民",
  "工厂", "工人", "价格", "成本", "收入", "消费", "增长", "下降", "提高", "减少", "支持",
  "推动", "加快", "完善", "提供", "实现", "开展", "参与", "保护", "利用", "影响", "未来",
  "目前", "同时", "此外", "因此", "不过", "非常", "更加", "进一步", "大量", "许多", "新的",
  "主要", "地方", "国家", "国际", "地区", "专家", "记者", "老师", "医生", "孩子", "家庭",
  NULL
};

static const char *const zh_given[] = {
  "伟", "娜", "磊", "静", "强", "敏", "洋", "丽", "军", "婷", NULL
};

static const char *const zh_family[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", NULL
};

/* Japanese: nouns joined by particles, a predicate at the end */

static const char *const ja_function[] = {
  "は", "が", "を", "に", "で", "の", "と", "も", "から", "まで", "へ", "について", NULL
};

static const char *const ja_general[] = {
  "データセンター", "電力", "東京", "大阪", "研究者", "政府", "企業", "技術", "開発",
  "市場", "利用者", "人工知能", "再生可能エネルギー", "環境", "地域", "社会", "経済",
  "教育", "学生", "病院", "交通", "電車", "文化", "歴史", "調査", "結果", "計画",
  "発表", "問題", "住民", "自治体", "会社", "工場", "製品", "サービス", "ソフトウェア",
  "ネットワーク", "クラウド", "電気料金", "冷却", "水", "土地", "建設", "投資", "費用",
  "価格", "消費者", "専門家", "記者", "先生", "医師", "子ども", "家族", "町", "駅",
  "図書館", "博物館", "大学", "研究所", "報告書", "資料", "記録", "写真", "地図", "今年",
  "昨年", "最近", "将来", "世界", "日本", "海外", "国内", "現場", "担当者", "責任者",
  "新しい仕組み", "大きな変化", "多くの人", "重要な課題", "長い歴史", NULL
};

static const char *const ja_endings[] = {
  "です", "でした", "します", "しました", "しています", "と述べた", "という",
  "が必要だ", "を発表した", "が進んでいる", "が増えている", "を計画している", NULL
};

static const char *const ja_given[] = {
  "健", "花子", "翔太", "陽菜", "大輔", "美咲", "拓也", "さくら", NULL
};

static const char *const ja_family[] = {
  "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", NULL
};

const LibraryLanguage library_languages[] = {
  { "en", TRUE, en_function, en_general, NULL, en_given, en_family, "and", " percent",
    ".", ",", "\u201c", "\u201d" },
  { "de", TRUE, de_function, de_general, NULL, de_given, de_family, "und", " Prozent",
    ".", ",", "\u201e", "\u201c" },
  { "fr", TRUE, fr_function, fr_general, NULL, fr_given, fr_family, "et", "\u00a0%",
    ".", ",", "\u00ab\u00a0", "\u00a0\u00bb" },
  { "zh-CN", FALSE, zh_function, zh_general, NULL, zh_given, zh_family, "和", "%",
    "。", "，", "\u201c", "\u201d" },
  { "ja", FALSE, ja_function, ja_general, ja_endings, ja_given, ja_family, "と", "%",
    "。", "、", "「", "」" },
};
const guint library_n_languages = G_N_ELEMENTS (library_languages);

/* English topics: the words and set phrases an article on it repeats */

static const char *const cloud_words[] = {
  "data", "centre", "centres", "cloud", "servers", "cooling", "latency", "bandwidth",
  "storage", "racks", "megawatts", "hyperscale", "colocation", "fibre", "outage", "uptime",
  "region", "customers", "capacity", "chips", "processors", "workloads", "operators",
  "electricity", "contracts", "tenants", "campus", "substation", "backup", "generators", NULL
};
static const char *const cloud_phrases[] = {
  "data centre", "cloud computing", "power purchase agreement", "waste heat", NULL
};

static const char *const energy_words[] = {
  "energy", "grid", "heat", "solar", "wind", "turbines", "batteries", "storage", "utility",
  "tariff", "emissions", "carbon", "gas", "coal", "nuclear", "hydrogen", "efficiency",
  "insulation", "boiler", "radiators", "households", "bills", "kilowatt", "megawatt",
  "transmission", "substation", "capacity", "demand", "peak", "installers", NULL
};
static const char *const energy_phrases[] = {
  "heat pump", "heat pumps", "power grid", "solar panels", "energy bills", NULL
};

static const char *const cities_words[] = {
  "housing", "tram", "buses", "cycling", "planning", "zoning", "density", "parks", "streets",
  "pavements", "commuters", "transit", "council", "rents", "tenants", "developers",
  "neighbourhoods", "square", "traffic", "parking", "lanes", "footpaths", "trees", "blocks",
  "flats", "estates", "suburbs", "downtown", "markets", "stations", NULL
};
static const char *const cities_phrases[] = {
  "public transport", "affordable housing", "city council", "bike lanes", NULL
};

static const char *const health_words[] = {
  "patients", "clinic", "vaccine", "treatment", "doctors", "nurses", "waiting", "trial",
  "symptoms", "diagnosis", "therapy", "prescription", "pharmacy", "surgery", "wards",
  "infection", "outbreak", "screening", "diet", "sleep", "exercise", "ageing", "care",
  "carers", "mental", "wellbeing", "dose", "dosage", "immunity", "recovery", NULL
};
static const char *const health_phrases[] = {
  "waiting lists", "clinical trial", "primary care", "mental health", NULL
};

static const char *const science_words[] = {
  "experiment", "telescope", "particles", "genome", "cells", "protein", "molecules",
  "species", "fossil", "specimen", "hypothesis", "measurement", "observatory", "satellite",
  "orbit", "physics", "chemistry", "biology", "samples", "microscope", "pump", "vacuum",
  "neutrons", "galaxies", "enzymes", "bacteria", "sediment", "glacier", "reef", "lichen",
  NULL
};
static const char *const science_phrases[] = {
  "peer review", "open data", "scientific method", "climate model", NULL
};

static const char *const politics_words[] = {
  "parliament", "coalition", "opposition", "ministers", "voters", "ballot", "referendum",
  "senate", "bill", "amendment", "reform", "spokesperson", "minister", "constituency",
  "polls", "candidates", "debate", "scandal", "inquiry", "treaty", "sanctions", "diplomats",
  "summit", "budget", "deficit", "mandate", "cabinet", "lobbying", "donors", "turnout", NULL
};
static const char *const politics_phrases[] = {
  "prime minister", "general election", "public inquiry", "opposition leader", NULL
};

static const char *const software_words[] = {
  "code", "developers", "release", "bug", "compiler", "library", "kernel", "browser",
  "extension", "repository", "maintainers", "licence", "contributors", "interface",
  "database", "index", "query", "cache", "latency", "benchmark", "memory", "threads",
  "desktop", "terminal", "packages", "dependencies", "tests", "patches", "review", "users",
  NULL
};
static const char *const software_phrases[] = {
  "open source software", "pull request", "command line", "full-text search", NULL
};

static const char *const food_words[] = {
  "bread", "flour", "harvest", "kitchen", "recipe", "chefs", "restaurant", "menu", "coffee",
  "tea", "cheese", "vineyard", "wine", "orchard", "apples", "beans", "rice", "spices",
  "fermentation", "bakery", "market", "farmers", "soil", "seeds", "fishermen", "oysters",
  "butter", "sourdough", "pasta", "noodles", NULL
};
static const char *const food_phrases[] = {
  "farmers market", "local produce", "olive oil", "tasting menu", NULL
};

static const char *const culture_words[] = {
  "novel", "poetry", "gallery", "exhibition", "painter", "sculpture", "theatre", "concert",
  "orchestra", "album", "festival", "film", "director", "actors", "audience", "critics",
  "publisher", "translation", "manuscript", "archive", "museum", "curator", "prize",
  "biography", "essay", "memoir", "choir", "dancers", "stage", "premiere", NULL
};
static const char *const culture_phrases[] = {
  "short story", "book club", "opening night", "public library", NULL
};

static const char *const travel_words[] = {
  "train", "ferry", "hostel", "hotel", "trail", "hike", "mountains", "coast", "island",
  "passport", "border", "luggage", "timetable", "sleeper", "carriage", "route", "journey",
  "tourists", "guide", "harbour", "lighthouse", "cliffs", "beach", "valley", "lake",
  "cabin", "campsite", "map", "compass", "postcard", NULL
};
static const char *const travel_phrases[] = {
  "night train", "old town", "walking trail", "border crossing", NULL
};

static const char *const economy_words[] = {
  "inflation", "interest", "rates", "bank", "loans", "mortgage", "wages", "unemployment",
  "productivity", "exports", "imports", "tariffs", "supply", "shortages", "prices", "shares",
  "investors", "startups", "pensions", "savings", "recession", "growth", "forecast",
  "retailers", "consumers", "landlords", "bonds", "currency", "subsidies", "earnings", NULL
};
static const char *const economy_phrases[] = {
  "interest rates", "central bank", "supply chain", "cost of living", NULL
};

static const char *const education_words[] = {
  "pupils", "teachers", "classroom", "curriculum", "exams", "grades", "lectures", "campus",
  "tuition", "scholarship", "degree", "thesis", "seminar", "professor", "homework",
  "literacy", "reading", "mathematics", "playground", "headteacher", "timetable", "term",
  "library", "textbooks", "tutors", "apprentices", "graduates", "faculty", "lessons",
  "kindergarten", NULL
};
static const char *const education_phrases[] = {
  "student loans", "primary school", "reading lists", "exam season", NULL
};

const LibraryTopic library_topics[] = {
  { "cloud", cloud_words, cloud_phrases, "cloud" },
  { "energy", energy_words, energy_phrases, "energy" },
  { "cities", cities_words, cities_phrases, "cities" },
  { "health", health_words, health_phrases, "health" },
  { "science", science_words, science_phrases, "science" },
  { "politics", politics_words, politics_phrases, "politics" },
  { "software", software_words, software_phrases, "software" },
  { "food", food_words, food_phrases, "food" },
  { "culture", culture_words, culture_phrases, "culture" },
  { "travel", travel_words, travel_phrases, "travel" },
  { "economy", economy_words, economy_phrases, "economy" },
  { "education", education_words, education_phrases, "education" },
};
const guint library_n_topics = G_N_ELEMENTS (library_topics);

/* Made-up publications; .example domains, so no link points at a real site. */
const LibrarySite library_sites[] = {
  { "The Northern Ledger", "northernledger.example", "en" },
  { "Harbour & Pine", "harbourandpine.example", "en" },
  { "Signal Weekly", "signalweekly.example", "en" },
  { "Field Notes Review", "fieldnotes.example", "en" },
  { "The Civic Desk", "civicdesk.example", "en" },
  { "Open Circuit", "opencircuit.example", "en" },
  { "Longform Quarterly", "longformquarterly.example", "en" },
  { "Byte Harbor", "byteharbor.example", "en" },
  { "The Grain", "thegrain.example", "en" },
  { "Meridian Post", "meridianpost.example", "en" },
  { "Slow Science", "slowscience.example", "en" },
  { "Coastline Daily", "coastlinedaily.example", "en" },
  { "The Workbench", "theworkbench.example", "en" },
  { "Atlas Review", "atlasreview.example", "en" },
  { "Quiet Machines", "quietmachines.example", "en" },
  { "Ember Magazine", "embermagazine.example", "en" },
  { "Public Square", "publicsquare.example", "en" },
  { "The Long Table", "thelongtable.example", "en" },
  { "Parallax", "parallax.example", "en" },
  { "Kestrel News", "kestrelnews.example", "en" },
  { "Granite Times", "granitetimes.example", "en" },
  { "Tidewater Journal", "tidewater.example", "en" },
  { "Lantern", "lantern-magazine.example", "en" },
  { "Rheinblick", "rheinblick.example", "de" },
  { "Die Werkbank", "werkbank.example", "de" },
  { "Stadtkurier Nord", "stadtkurier-nord.example", "de" },
  { "Alpenpost", "alpenpost.example", "de" },
  { "Le Quotidien du Rhône", "quotidien-rhone.example", "fr" },
  { "Revue des Idées", "revue-idees.example", "fr" },
  { "L’Atelier Numérique", "atelier-numerique.example", "fr" },
  { "Les Cahiers de l’Ouest", "cahiers-ouest.example", "fr" },
  { "晨光日报", "chenguang-daily.example", "zh-CN" },
  { "科技前沿", "keji-qianyan.example", "zh-CN" },
  { "東京テック通信", "tokyo-tech-tsushin.example", "ja" },
  { "週刊みなと", "shukan-minato.example", "ja" },
};
const guint library_n_sites = G_N_ELEMENTS (library_sites);

const char *const library_notes[] = {
  "Compare with the figures in the earlier report.",
  "This contradicts what the author says two sections above.",
  "Good example for the seminar.",
  "Check the source for this number.",
  "Key argument.",
  "Follow up: who pays for this?",
  "Quote for the essay.",
  "The strongest point in the piece.",
  "Is this still true today?",
  "**Important**: the whole case rests on this.",
  "Ask about this at the next meeting.",
  "Same claim as in the interview last spring.",
  "Nice turn of phrase.",
  "Not convinced. Where is the evidence?",
  "See also the follow-up article.",
  "Definition worth keeping.",
  "- cause\n- effect\n- what is missing",
  "Useful for chapter 3.",
  "À vérifier.",
  "Wichtig für den Vortrag.",
  "要确认数据来源。",
  "後で読み直す。",
  NULL
};

const char *const library_page_notes[] = {
  "Read for the reading group. The middle part drags; the conclusion is worth it.",
  "Background for the project. Main points:\n\n1. the cost\n2. who decides\n3. what changes",
  "Saved because a colleague recommended it.",
  "Good overview, a little dated by now.",
  "Use in the literature review, section 2.",
  "Long but careful. Reread the second half.",
  NULL
};

const char *const library_extra_tags[] = {
  "to-read", "work", "research", "longread", "reference", "seminar", "favourite", NULL
};
