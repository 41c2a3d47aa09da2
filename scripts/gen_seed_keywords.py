#!/usr/bin/env python3
"""Generates data/seed_keywords.json, the global seed keyword library (>= 20 per sector).

Every sector of data/industries.json has a kind (service, product or topic), head terms,
hand-written questions and brands. Keywords come from intent templates applied to the head
terms; volume is log-normal (head terms highest), difficulty rises with volume plus noise.
Deterministic: the same script always writes the same file.

    python3 scripts/gen_seed_keywords.py        # rewrites data/seed_keywords.json
"""
import json
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# sector slug -> (kind, head terms, questions, brands)
S = {
 # technology
 "software-and-saas": ("product", ["project management software", "crm software", "accounting software", "saas platform", "invoicing software", "help desk software"], ["what is saas", "how to choose a crm"], ["salesforce", "hubspot"]),
 "cybersecurity": ("service", ["antivirus software", "penetration testing", "firewall", "vpn", "endpoint protection", "password manager"], ["what is phishing", "how to prevent ransomware attacks"], ["norton", "crowdstrike"]),
 "cloud-computing": ("product", ["cloud hosting", "cloud storage", "cloud migration", "serverless computing", "managed kubernetes", "cloud backup"], ["what is cloud computing", "iaas vs paas vs saas"], ["aws", "azure"]),
 "consumer-electronics": ("product", ["wireless earbuds", "4k tv", "gaming laptop", "smartwatch", "bluetooth speaker", "noise cancelling headphones"], ["how to connect bluetooth headphones", "what size tv should i buy"], ["samsung", "sony"]),
 "artificial-intelligence": ("topic", ["machine learning", "ai chatbot", "ai writing tool", "computer vision", "natural language processing", "ai image generator"], ["what is generative ai", "how does machine learning work"], ["openai", "chatgpt"]),
 "it-services": ("service", ["managed it services", "it support", "network installation", "data recovery", "it consulting", "help desk outsourcing"], ["what are managed it services", "how much does it support cost per user"], ["accenture", "geek squad"]),
 # healthcare
 "dental-care": ("service", ["dentist", "teeth whitening", "dental implants", "invisalign", "root canal", "emergency dentist"], ["how long do dental implants last", "does a root canal hurt"], ["aspen dental", "smiledirectclub"]),
 "mental-health": ("service", ["therapist", "online therapy", "anxiety treatment", "couples counseling", "psychiatrist", "depression treatment"], ["signs of anxiety", "how to find a therapist"], ["betterhelp", "talkspace"]),
 "physical-therapy": ("service", ["physical therapy", "sports physiotherapy", "back pain treatment", "knee rehabilitation", "dry needling", "physical therapist"], ["how long does physical therapy take", "exercises for lower back pain"], ["athletico", "upmc"]),
 "telemedicine": ("service", ["telehealth appointment", "online doctor", "virtual urgent care", "online prescription", "telemedicine app", "virtual doctor visit"], ["how does telemedicine work", "can an online doctor prescribe antibiotics"], ["teladoc", "mdlive"]),
 "medical-devices": ("product", ["blood pressure monitor", "pulse oximeter", "cpap machine", "hearing aids", "glucose meter", "mobility scooter"], ["how to use a pulse oximeter", "normal blood pressure by age"], ["omron", "resmed"]),
 "senior-care": ("service", ["assisted living", "home care services", "memory care", "nursing home", "in home caregiver", "adult day care"], ["how much does assisted living cost", "when is it time for memory care"], ["brookdale", "home instead"]),
 # finance
 "personal-finance": ("topic", ["budgeting app", "emergency fund", "high yield savings account", "debt consolidation", "credit score", "personal loan"], ["how to make a budget", "how to improve credit score fast"], ["mint", "nerdwallet"]),
 "investing": ("topic", ["index funds", "stock market", "dividend stocks", "roth ira", "etf investing", "robo advisor"], ["how to start investing", "what is an index fund"], ["vanguard", "fidelity"]),
 "insurance": ("service", ["car insurance", "life insurance", "home insurance", "health insurance", "renters insurance", "pet insurance"], ["how much life insurance do i need", "what does renters insurance cover"], ["geico", "state farm"]),
 "banking": ("service", ["checking account", "savings account", "online bank", "business bank account", "credit card", "cd rates"], ["how to open a bank account", "what is a routing number"], ["chase", "wells fargo"]),
 "cryptocurrency": ("topic", ["bitcoin", "ethereum", "crypto wallet", "crypto exchange", "bitcoin price", "staking crypto"], ["how to buy bitcoin", "what is blockchain"], ["coinbase", "binance"]),
 "tax-preparation": ("service", ["tax preparer", "tax filing", "small business taxes", "tax accountant", "tax extension", "tax refund"], ["when are taxes due", "how to file taxes for free"], ["turbotax", "h&r block"]),
 # e-commerce and retail
 "fashion-and-apparel": ("product", ["women's dresses", "men's sneakers", "winter jackets", "jeans", "summer dresses", "activewear"], ["how to find your dress size", "what to wear to a wedding"], ["zara", "nike"]),
 "home-goods": ("product", ["bed sheets", "throw pillows", "area rugs", "kitchen cookware", "bath towels", "wall decor"], ["how to choose bed sheets thread count", "how to wash a duvet"], ["ikea", "wayfair"]),
 "beauty-and-cosmetics": ("product", ["vitamin c serum", "foundation for oily skin", "retinol cream", "mascara", "sunscreen for face", "hair growth oil"], ["skincare routine steps", "how to apply foundation"], ["sephora", "ulta"]),
 "jewelry": ("product", ["engagement rings", "gold necklace", "diamond earrings", "wedding bands", "lab grown diamonds", "silver bracelet"], ["how to clean silver jewelry", "how much to spend on an engagement ring"], ["tiffany", "pandora"]),
 "pet-supplies": ("product", ["dog food", "cat litter", "dog bed", "cat tree", "dog harness", "pet carrier"], ["how much to feed a puppy", "best food for senior dogs"], ["chewy", "petco"]),
 "sporting-goods": ("product", ["running shoes", "yoga mat", "golf clubs", "camping tent", "road bike", "hiking backpack"], ["how to choose running shoes", "what size bike do i need"], ["rei", "dick's sporting goods"]),
 # real estate
 "residential-sales": ("service", ["homes for sale", "real estate agent", "sell my house fast", "home value estimator", "open houses", "first time home buyer"], ["how to sell a house", "how much is my home worth"], ["zillow", "redfin"]),
 "commercial-property": ("service", ["office space for rent", "commercial real estate", "warehouse for lease", "retail space for rent", "coworking space", "commercial property for sale"], ["what is a triple net lease", "how to value commercial property"], ["loopnet", "cbre"]),
 "property-management": ("service", ["property management company", "rental property management", "tenant screening", "hoa management", "vacation rental management", "property management software"], ["how much do property managers charge", "what does a property manager do"], ["appfolio", "buildium"]),
 "mortgages": ("service", ["mortgage rates", "mortgage calculator", "refinance", "fha loan", "va loan", "mortgage pre approval"], ["how much house can i afford", "how to get pre approved for a mortgage"], ["rocket mortgage", "better mortgage"]),
 "home-inspection": ("service", ["home inspection", "home inspector", "radon testing", "mold inspection", "termite inspection", "sewer scope inspection"], ["what does a home inspection cover", "how long does a home inspection take"], ["pillar to post", "amerispec"]),
 # home services
 "plumbing": ("service", ["plumber", "drain cleaning", "water heater repair", "leak detection", "sewer line replacement", "toilet repair"], ["how to unclog a drain", "why is my water heater leaking"], ["roto-rooter", "mr. rooter"]),
 "hvac": ("service", ["ac repair", "furnace repair", "hvac installation", "heat pump", "duct cleaning", "hvac maintenance"], ["why is my ac blowing warm air", "how often to change furnace filter"], ["carrier", "trane"]),
 "roofing": ("service", ["roof repair", "roof replacement", "metal roofing", "roofing contractor", "gutter installation", "roof inspection"], ["how long does a roof last", "signs you need a new roof"], ["gaf", "owens corning"]),
 "landscaping": ("service", ["landscaping", "lawn care", "tree removal", "sod installation", "landscape design", "hardscaping"], ["when to fertilize lawn", "how to get rid of crabgrass"], ["trugreen", "brightview"]),
 "cleaning-services": ("service", ["house cleaning", "deep cleaning", "carpet cleaning", "move out cleaning", "office cleaning", "maid service"], ["how to deep clean a house", "how much to tip house cleaners"], ["merry maids", "molly maid"]),
 "pest-control": ("service", ["pest control", "exterminator", "termite treatment", "bed bug treatment", "rodent control", "mosquito control"], ["how to get rid of ants", "signs of termites"], ["terminix", "orkin"]),
 "electrical": ("service", ["electrician", "panel upgrade", "ev charger installation", "outlet installation", "lighting installation", "electrical inspection"], ["why does my breaker keep tripping", "how to install a ceiling fan"], ["mr. electric", "mister sparky"]),
 # education
 "online-courses": ("product", ["online courses", "coding bootcamp", "data science course", "online certificate programs", "digital marketing course", "python course"], ["are online courses worth it", "how to learn python"], ["coursera", "udemy"]),
 "k-12-tutoring": ("service", ["math tutor", "reading tutor", "online tutoring", "homework help", "sat tutor", "tutoring center"], ["how to help a child with reading", "how much does a tutor cost"], ["kumon", "sylvan"]),
 "higher-education": ("topic", ["online degree", "mba program", "community college", "college scholarships", "student loans", "masters degree"], ["how to apply for fafsa", "is an mba worth it"], ["fafsa", "common app"]),
 "language-learning": ("product", ["learn spanish", "english classes", "language app", "french lessons", "online language tutor", "learn japanese"], ["fastest way to learn a language", "how long to learn spanish"], ["duolingo", "babbel"]),
 "test-preparation": ("service", ["sat prep", "gre prep", "lsat prep", "act practice test", "gmat course", "mcat prep"], ["what is a good sat score", "how long to study for the gre"], ["kaplan", "princeton review"]),
 # travel and hospitality
 "hotels-and-resorts": ("product", ["hotels near me", "all inclusive resorts", "boutique hotels", "beach resorts", "cheap hotels", "spa resorts"], ["what time is hotel check in", "how to get hotel upgrades"], ["marriott", "hilton"]),
 "travel-agencies": ("service", ["travel agent", "vacation packages", "honeymoon packages", "group tours", "cruise deals", "last minute vacations"], ["do travel agents save you money", "how to plan a trip to europe"], ["expedia", "booking.com"]),
 "vacation-rentals": ("product", ["vacation rentals", "beach house rentals", "cabin rentals", "pet friendly rentals", "villa rentals", "lake house rentals"], ["how to list a vacation rental", "airbnb vs vrbo"], ["airbnb", "vrbo"]),
 "adventure-travel": ("product", ["hiking tours", "safari tours", "scuba diving trips", "trekking holidays", "kayaking tours", "ski trips"], ["what to pack for a safari", "best time to hike machu picchu"], ["g adventures", "intrepid travel"]),
 "restaurants": ("service", ["restaurants near me", "italian restaurant", "brunch places", "food delivery", "steakhouse", "sushi restaurant"], ["how to open a restaurant", "how much to tip at a restaurant"], ["opentable", "doordash"]),
 # health and fitness
 "gyms-and-studios": ("service", ["gym near me", "gym membership", "pilates studio", "crossfit gym", "boxing gym", "spin classes"], ["how often should you go to the gym", "what to bring to the gym"], ["planet fitness", "la fitness"]),
 "nutrition": ("topic", ["meal plan", "high protein diet", "nutritionist", "healthy snacks", "macro calculator", "intermittent fasting"], ["how much protein per day", "what is a balanced diet"], ["myfitnesspal", "noom"]),
 "yoga": ("service", ["yoga classes", "hot yoga", "yoga for beginners", "yoga teacher training", "prenatal yoga", "online yoga classes"], ["what to wear to yoga", "how often should you do yoga"], ["corepower yoga", "alo moves"]),
 "weight-loss": ("topic", ["weight loss program", "weight loss diet", "medical weight loss", "semaglutide", "calorie deficit", "weight loss surgery"], ["how to lose belly fat", "how many calories to lose weight"], ["weight watchers", "noom"]),
 "supplements": ("product", ["protein powder", "creatine", "multivitamin", "magnesium supplement", "vitamin d", "fish oil"], ["when to take creatine", "what does magnesium do"], ["optimum nutrition", "garden of life"]),
 "personal-training": ("service", ["personal trainer", "online personal training", "strength training program", "personal trainer certification", "fitness coach", "in home personal trainer"], ["how much is a personal trainer", "how to become a personal trainer"], ["nasm", "ace fitness"]),
 # automotive
 "car-dealerships": ("service", ["used cars", "new cars for sale", "car dealership", "certified pre owned", "car lease deals", "trade in value"], ["how to negotiate car price", "best time to buy a car"], ["carmax", "carvana"]),
 "auto-repair": ("service", ["auto repair shop", "brake repair", "oil change", "transmission repair", "check engine light", "wheel alignment"], ["how often to change oil", "why is my check engine light on"], ["jiffy lube", "midas"]),
 "car-parts": ("product", ["car batteries", "brake pads", "tires", "headlight bulbs", "windshield wipers", "car floor mats"], ["how long do car batteries last", "how to change brake pads"], ["autozone", "advance auto parts"]),
 "electric-vehicles": ("product", ["electric cars", "ev charging stations", "home ev charger", "used electric cars", "electric suv", "hybrid cars"], ["how long do ev batteries last", "how much does it cost to charge an electric car"], ["tesla", "rivian"]),
 "car-rental": ("service", ["car rental", "cheap car rental", "airport car rental", "one way car rental", "van rental", "luxury car rental"], ["how old do you have to be to rent a car", "do i need rental car insurance"], ["enterprise", "hertz"]),
 # legal services
 "personal-injury": ("service", ["personal injury lawyer", "car accident lawyer", "slip and fall lawyer", "workers compensation lawyer", "medical malpractice lawyer", "truck accident attorney"], ["how much is my injury claim worth", "what to do after a car accident"], ["morgan and morgan", "jacoby and meyers"]),
 "family-law": ("service", ["divorce lawyer", "child custody lawyer", "family lawyer", "prenuptial agreement", "child support", "uncontested divorce"], ["how long does a divorce take", "how is child support calculated"], ["legalzoom", "avvo"]),
 "immigration-law": ("service", ["immigration lawyer", "green card", "work visa", "citizenship application", "asylum lawyer", "h1b visa"], ["how to get a green card", "how long does naturalization take"], ["uscis", "boundless"]),
 "business-law": ("service", ["business lawyer", "llc formation", "contract lawyer", "trademark registration", "business attorney", "operating agreement"], ["how to form an llc", "llc vs s corp"], ["legalzoom", "rocket lawyer"]),
 "criminal-defense": ("service", ["criminal defense lawyer", "dui lawyer", "expungement", "bail bonds", "drug charges lawyer", "assault lawyer"], ["what happens at an arraignment", "how to get a record expunged"], ["findlaw", "justia"]),
 # marketing and advertising
 "seo": ("service", ["seo services", "local seo", "seo audit", "keyword research", "link building", "technical seo"], ["what is seo", "how long does seo take"], ["semrush", "ahrefs"]),
 "social-media-marketing": ("service", ["social media marketing", "social media management", "instagram marketing", "tiktok ads", "social media agency", "influencer marketing"], ["best time to post on instagram", "how to grow on tiktok"], ["hootsuite", "buffer"]),
 "content-marketing": ("service", ["content marketing", "content writing services", "blog writing", "content strategy", "copywriting", "content calendar"], ["what is content marketing", "how to write a blog post"], ["contently", "copyblogger"]),
 "email-marketing": ("service", ["email marketing", "email marketing software", "newsletter", "email automation", "cold email", "email templates"], ["how to build an email list", "what is a good email open rate"], ["mailchimp", "klaviyo"]),
 "ppc-advertising": ("service", ["ppc management", "google ads", "ppc agency", "facebook ads", "amazon ppc", "search ads"], ["how much do google ads cost", "what is cost per click"], ["google ads", "microsoft advertising"]),
 "branding": ("service", ["branding agency", "logo design", "brand identity", "brand strategy", "rebranding", "brand guidelines"], ["how to create a brand", "what is brand identity"], ["pentagram", "canva"]),
 # food and beverage
 "coffee-and-tea": ("product", ["coffee beans", "espresso machine", "green tea", "cold brew", "matcha", "coffee grinder"], ["how to make cold brew", "how much caffeine in coffee"], ["starbucks", "nespresso"]),
 "baking": ("topic", ["sourdough bread", "chocolate chip cookies", "banana bread", "cake recipes", "baking supplies", "gluten free baking"], ["how to make sourdough starter", "why did my cake sink"], ["king arthur baking", "wilton"]),
 "wine-and-spirits": ("product", ["red wine", "whiskey", "wine club", "champagne", "tequila", "wine tasting"], ["how to store wine", "what is the difference between bourbon and whiskey"], ["total wine", "drizly"]),
 "meal-kits": ("product", ["meal kit delivery", "healthy meal delivery", "vegetarian meal kits", "keto meal delivery", "family meal kits", "prepared meals"], ["are meal kits worth it", "cheapest meal kit per serving"], ["hellofresh", "blue apron"]),
 "vegan-food": ("topic", ["vegan recipes", "plant based protein", "vegan cheese", "vegan restaurants", "vegan meal prep", "dairy free milk"], ["how to get protein on a vegan diet", "is honey vegan"], ["beyond meat", "oatly"]),
 # manufacturing
 "industrial-equipment": ("product", ["industrial equipment", "cnc machine", "air compressor", "forklift", "industrial generator", "conveyor system"], ["how does a cnc machine work", "how to size an air compressor"], ["caterpillar", "grainger"]),
 "packaging": ("product", ["custom boxes", "shipping boxes", "sustainable packaging", "bubble mailers", "food packaging", "packaging design"], ["how to package products for shipping", "what is eco friendly packaging"], ["uline", "packlane"]),
 "textiles": ("product", ["fabric", "cotton fabric", "textile manufacturer", "upholstery fabric", "organic cotton", "fabric printing"], ["how is fabric made", "what is polyester made of"], ["joann", "spoonflower"]),
 "plastics": ("product", ["injection molding", "plastic manufacturer", "plastic sheets", "acrylic sheet", "3d printing", "plastic containers"], ["how does injection molding work", "what plastics are recyclable"], ["protolabs", "xometry"]),
 "metal-fabrication": ("service", ["metal fabrication", "welding services", "sheet metal fabrication", "laser cutting", "cnc machining", "custom metal signs"], ["mig vs tig welding", "how to weld aluminum"], ["lincoln electric", "sendcutsend"]),
}

TEMPLATES = {
    "service": [("{t} near me", "transactional"), ("{t} cost", "commercial"), ("best {t}", "commercial"),
                ("affordable {t}", "transactional"), ("{t} reviews", "commercial"), ("how much does {t} cost", "informational"),
                ("emergency {t}", "transactional"), ("{t} company", "commercial")],
    "product": [("best {t}", "commercial"), ("buy {t}", "transactional"), ("{t} reviews", "commercial"),
                ("cheap {t}", "transactional"), ("{t} for beginners", "informational"), ("how to choose {t}", "informational"),
                ("{t} deals", "transactional"), ("{t} comparison", "commercial")],
    "topic": [("what is {t}", "informational"), ("{t} for beginners", "informational"), ("best {t}", "commercial"),
              ("{t} tips", "informational"), ("{t} guide", "informational"), ("{t} calculator", "transactional"),
              ("{t} pros and cons", "commercial"), ("how does {t} work", "informational")],
}
HEAD_INTENT = {"service": "commercial", "product": "commercial", "topic": "informational"}


def metrics(rng, base):
    volume = int(round(base * math.exp(rng.gauss(0, 0.6)), -1)) or 10
    difficulty = int(max(3, min(95, 12 * math.log10(volume) - 10 + rng.gauss(0, 9))))
    return volume, difficulty


def main():
    inds = json.load(open(os.path.join(ROOT, "data", "industries.json")))
    out = []
    for ind in inds:
        for sec in ind["sectors"]:
            kind, terms, questions, brands = S[sec["slug"]]
            rng = random.Random(sec["slug"])
            kws, seen = [], set()

            def add(k, base, intent):
                if k.lower() not in seen:
                    seen.add(k.lower())
                    v, d = metrics(rng, base)
                    kws.append([k, v, d, intent])

            for t in terms:
                add(t, 12000, HEAD_INTENT[kind])
            for t in terms:
                for tpl, intent in rng.sample(TEMPLATES[kind], 3):
                    add(tpl.format(t=t), 1500, intent)
            for q in questions:
                add(q, 4000, "informational")
            for b in brands:
                add(b, 30000, "navigational")
                add(b + " login" if kind != "topic" else b + " app", 6000, "navigational")
            assert len(kws) >= 20, sec["slug"]
            out.append({"industry": ind["slug"], "sector": sec["slug"], "keywords": kws})
    missing = set(S) - {s["sector"] for s in out}
    assert not missing, missing
    path = os.path.join(ROOT, "data", "seed_keywords.json")
    with open(path, "w") as f:
        f.write('{"country": "US", "sectors": [\n')
        f.write(",\n".join(json.dumps(s, ensure_ascii=False) for s in out))
        f.write("\n]}\n")
    print(f"wrote {sum(len(s['keywords']) for s in out)} keywords in {len(out)} sectors to {path}")


if __name__ == "__main__":
    main()
