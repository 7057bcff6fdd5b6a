"""The demo guide: pages a parent carer forum could adopt, written here in plain English.

Each page cites the law it relies on: the Children and Families Act 2014 (CFA), the Special
Educational Needs and Disability Regulations 2014 (SEND Regulations), the SEND Code of Practice
2015 (Code of Practice) and the Equality Act 2010. Facts only; the words are our own.
Helpers below turn a compact outline into StreamField data.
"""

from html import escape

CFA = "https://www.legislation.gov.uk/ukpga/2014/6"
REGS = "https://www.legislation.gov.uk/uksi/2014/1530"
COP = "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25"
EQA = "https://www.legislation.gov.uk/ukpga/2010/15"
TRIBUNAL = "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability"

IPSEA = {
    "name": "IPSEA",
    "description": "A national charity that gives free legal advice about SEND.",
    "url": "https://www.ipsea.org.uk/",
    "phone": "",
}
CONTACT = {
    "name": "Contact",
    "description": "A national charity for families with disabled children.",
    "url": "https://contact.org.uk/",
    "phone": "",
}


def text(*parts):
    """Paragraphs; a part starting "## " is a heading, a list of strings is a bulleted list."""
    html = []
    for part in parts:
        if isinstance(part, list):
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in part) + "</ul>")
        elif part.startswith("## "):
            html.append(f"<h2>{escape(part[3:])}</h2>")
        else:
            html.append(f"<p>{part}</p>")
    return ("text", "".join(html))


def law(summary, citation, url=""):
    return ("law", {"summary": summary, "citation": citation, "source_url": url})


def rights(*items, citation=""):
    return ("rights", {"rights": list(items), "citation": citation})


def steps(heading, *items):
    return (
        "steps",
        {"heading": heading, "steps": [{"heading": h, "text": f"<p>{t}</p>"} for h, t in items]},
    )


def questions(*items, heading="Questions families ask"):
    return (
        "questions",
        {
            "heading": heading,
            "questions": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items],
        },
    )


def deadline(limit, what, citation=""):
    return ("deadline", {"time_limit": limit, "text": what, "citation": citation})


def who_can_help(intro="", services=(), contacts=(), sendias=True):
    return (
        "who_can_help",
        {
            "heading": "Who can help",
            "text": intro,
            "include_sendias": sendias,
            "services": list(services),  # service names; guidance/demo.py swaps in their ids
            "other_contacts": list(contacts),
        },
    )


def letter(title, description, body):
    return ("letter", {"title": title, "description": description, "letter": body})


LETTER_END = "\n\nPlease reply in writing.\n\nYours sincerely,\n\n[your name]\n[your address]"

# (term, other spellings, short explanation, fuller explanation)
GLOSSARY = [
    ("SEND", "", "special educational needs and disabilities", ""),
    (
        "SEN support",
        "",
        "the extra help a school gives a child with SEN without an EHC plan",
        "Schools must use their best efforts to meet your child's needs. SEN support is how "
        "they do it.",
    ),
    (
        "EHC plan",
        "EHCP, EHC plans, education, health and care plan",
        "a legal paper that says what help your child must get",
        "The council must make sure your child gets the help written in section F of the plan.",
    ),
    (
        "EHC needs assessment",
        "EHC assessment, needs assessment",
        "when the council finds out in detail what your child needs",
        "It can lead to an EHC plan.",
    ),
    ("SENCo", "SENCO, SENCos", "the teacher who leads on SEND in a school", ""),
    (
        "SENDIAS",
        "SENDIASS",
        "a free service that gives advice about SEND and is separate from the council",
        "Every council must have one.",
    ),
    (
        "graduated response",
        "",
        "the cycle of assess, plan, do and review that schools use",
        "Each time round, the school learns more about what works for your child.",
    ),
    (
        "Local Offer",
        "",
        "the council's list of help for children and young people with SEND",
        "It includes this guide and the directory of schools and services.",
    ),
    (
        "SEND Tribunal",
        "tribunal, First-tier Tribunal",
        "an independent court that decides SEND appeals and disability claims",
        "Its full name is the First-tier Tribunal (Special Educational Needs and Disability).",
    ),
    (
        "mediation",
        "mediator",
        "a meeting with an independent person to help you and the council agree",
        "",
    ),
    (
        "personal budget",
        "personal budgets",
        "money set aside to pay for some of the help in an EHC plan",
        "",
    ),
    (
        "annual review",
        "annual reviews",
        "the meeting at least once a year to check an EHC plan",
        "",
    ),
    (
        "parent carer forum",
        "parent carer forums",
        "a group of local parents who work with the council to improve services",
        "",
    ),
    (
        "reasonable adjustments",
        "reasonable adjustment",
        "changes a school must make so disabled children are not at a disadvantage",
        "",
    ),
    (
        "Code of Practice",
        "",
        "the government's rule book for SEND, which councils and schools must follow",
        "Its full name is the SEND Code of Practice: 0 to 25 years (2015).",
    ),
    (
        "SEN information report",
        "SEND information report",
        "a report every school must publish about its help for pupils with SEN",
        "",
    ),
    (
        "short breaks",
        "short break",
        "time when someone else looks after your disabled child so you get a rest",
        "",
    ),
    (
        "Designated Clinical Officer",
        "DCO",
        "the NHS person who makes sure health care for SEND works locally",
        "",
    ),
]

# Each page: slug, title, section, Local Offer category, summary, body.
PAGES = [
    {
        "slug": "what-send-means",
        "title": "What SEND means",
        "section": "starting",
        "category": "",
        "summary": "What special educational needs and disabilities are, and the four areas of "
        "need schools look at.",
        "body": [
            text(
                "SEND stands for special educational needs and disabilities.",
                "A child has special educational needs (SEN) if they find it much harder to "
                "learn than most children of the same age. It also counts if a disability makes "
                "it hard to use the things a school has. Then they need help that is extra to, "
                "or different from, what most children get.",
                "Lots of children find some things hard for a while. That does not always mean "
                "SEN. If you are worried, talk to your child's teacher or the SENCo.",
            ),
            law(
                "A child or young person has SEN if they have a learning difficulty or "
                "disability that calls for special help to be made for them.",
                "Children and Families Act 2014, section 20",
                f"{CFA}/section/20",
            ),
            text(
                "## The four areas of need",
                "Schools think about four broad areas. A child may have needs in more than one.",
                [
                    "<strong>Communication and interaction</strong>: for example speech and "
                    "language needs, or autism.",
                    "<strong>Cognition and learning</strong>: for example dyslexia, or finding "
                    "all learning slow.",
                    "<strong>Social, emotional and mental health</strong>: for example anxiety, "
                    "or behaviour that shows a child is struggling.",
                    "<strong>Sensory and physical</strong>: for example a hearing or sight "
                    "loss, or a physical disability.",
                ],
            ),
            law(
                "The Code of Practice sets out these four areas. They help plan support. They "
                "are not labels to put on a child.",
                "SEND Code of Practice 2015, paragraphs 6.28 to 6.35",
                COP,
            ),
            text(
                "## Disability",
                "A child is disabled in law if they have a physical or mental condition that has "
                "a big and long-term effect on everyday life. Long-term means a year or more. "
                "Many disabled children also have SEN, but not all of them.",
            ),
            law(
                "Disability means a physical or mental impairment with a substantial and "
                "long-term bad effect on a person's ability to do normal daily things.",
                "Equality Act 2010, section 6",
                f"{EQA}/section/6",
            ),
            questions(
                (
                    "Does my child need a diagnosis to get help?",
                    "No. Help should be based on what your child needs, not on a label. A "
                    "diagnosis can help people understand, but schools should not wait for one.",
                ),
                (
                    "Is speaking English as an extra language SEN?",
                    "No. Learning English is not SEN on its own. But a child who speaks more "
                    "than one language can have SEN too.",
                ),
            ),
            who_can_help("Free, private advice if you are not sure where to start."),
        ],
    },
    {
        "slug": "sen-support",
        "title": "SEN support and the graduated response",
        "section": "school",
        "category": "",
        "summary": "How nurseries, schools and colleges help children with SEN: assess, plan, do "
        "and review.",
        "body": [
            text(
                "Most children with SEN get help from their school without an EHC plan. This is "
                "called SEN support.",
                "The school must do its best to meet your child's needs. It must tell you when "
                "it starts to give your child SEN support.",
            ),
            law(
                "Schools must use their best efforts to make sure pupils with SEN get the help "
                "they need. They must tell parents when they give a child SEN help.",
                "Children and Families Act 2014, sections 66 and 68",
                f"{CFA}/section/66",
            ),
            steps(
                "The four steps",
                (
                    "Assess",
                    "The teacher and the SENCo look at what your child finds hard. They use what "
                    "you and your child tell them. They may ask experts to help.",
                ),
                (
                    "Plan",
                    "You agree with the school what help your child will get and what it should "
                    "change. You agree a date to look at it again.",
                ),
                (
                    "Do",
                    "The school gives the help. Your child's class teacher stays in charge of "
                    "their learning every day.",
                ),
                (
                    "Review",
                    "On the agreed date, you all look at what worked. Then the cycle starts "
                    "again with what you have learned.",
                ),
            ),
            law(
                "This cycle of assess, plan, do and review is called the graduated response.",
                "SEND Code of Practice 2015, paragraphs 6.44 to 6.56",
                COP,
            ),
            rights(
                "be told when the school starts to give your child SEN support",
                "help plan the support and review it with the school",
                "ask for an EHC needs assessment at any time",
                citation="Children and Families Act 2014, sections 36 and 68",
            ),
            law(
                "Schools should meet parents at least three times each year to plan and review "
                "SEN support.",
                "SEND Code of Practice 2015, paragraph 6.65",
                COP,
            ),
            questions(
                (
                    "What if the help is not working?",
                    "Ask for a meeting with the SENCo. Ask what the school will change. If your "
                    "child still makes little progress, you can ask the council for an EHC "
                    "needs assessment.",
                ),
                (
                    "Can the school say it has no money for help?",
                    "Schools get money for SEN support. They must still do their best for your "
                    "child. Ask the school to explain what it can do.",
                ),
            ),
            who_can_help(),
        ],
    },
    {
        "slug": "what-schools-must-publish",
        "title": "What schools must do and publish",
        "section": "school",
        "category": "",
        "summary": "The duties every school has for pupils with SEN, and the SEN information "
        "report each school must put on its website.",
        "body": [
            text(
                "Every school has duties to pupils with SEN. These apply to council schools, "
                "academies and free schools.",
                [
                    "It must do its best to meet your child's needs.",
                    "It must have a SENCo who is a qualified teacher.",
                    "It must tell you when it gives your child SEN support.",
                    "It must publish a SEN information report, and should update it every year.",
                ],
            ),
            law(
                "Mainstream schools must have a SENCo. A new SENCo must gain a national SENCo "
                "qualification within three years.",
                "Children and Families Act 2014, section 67; SEND Regulations 2014, regulation 50",
                f"{CFA}/section/67",
            ),
            text(
                "## The SEN information report",
                "The report tells you how the school helps pupils with SEN. It must say:",
                [
                    "which kinds of SEN the school helps with",
                    "how it finds out which children need help",
                    "how it teaches and changes lessons for them",
                    "how it checks that the help works",
                    "the SENCo's name and how to contact them",
                    "how it involves you and your child",
                    "how you can complain",
                    "where to find the council's Local Offer",
                ],
            ),
            law(
                "Schools must publish this report on their website. The Code of Practice says "
                "they should update it every year.",
                "SEND Regulations 2014, regulation 51 and Schedule 1; Code of Practice 2015, "
                "paragraphs 6.79 to 6.83",
                f"{REGS}/schedule/1",
            ),
            text(
                "Schools must also have an accessibility plan. It says how the school will "
                "make it easier for disabled pupils to join in.",
            ),
            law(
                "Schools must plan to improve disabled pupils' access to lessons, buildings and "
                "information.",
                "Equality Act 2010, Schedule 10",
                f"{EQA}/schedule/10",
            ),
            questions(
                (
                    "Where do I find a school's report?",
                    "On the school's website, often under SEND. Our directory shows each "
                    "school's report in the same order, so you can compare them.",
                ),
            ),
            who_can_help(),
        ],
    },
    {
        "slug": "ask-for-an-ehc-needs-assessment",
        "title": "Asking for an EHC needs assessment",
        "section": "ehc",
        "category": "assessment",
        "summary": "You can ask the council yourself to check what help your child needs. Here is "
        "how, and what the council must do.",
        "body": [
            text(
                "An EHC needs assessment is when the council looks in detail at your child's "
                "needs. It is the first step to an EHC plan.",
                "You can ask for one yourself. You do not need the school to agree. You do not "
                "need a diagnosis.",
            ),
            rights(
                "ask the council for an EHC needs assessment yourself",
                "get a decision within 6 weeks",
                "appeal if the council says no",
                citation="CFA 2014, sections 36 and 51; SEND Regulations 2014, regulation 5",
            ),
            law(
                "A parent, a young person aged 16 to 25, or a school can ask. The council must "
                "assess if your child may have SEN and may need help through an EHC plan.",
                "Children and Families Act 2014, section 36(1) and (8); Code of Practice 2015, "
                "paragraph 9.8",
                f"{CFA}/section/36",
            ),
            text(
                "The test is low. Your child only <strong>may</strong> have SEN, and "
                "<strong>may</strong> need a plan. You do not have to prove it yet.",
            ),
            steps(
                "How to ask",
                (
                    "Write to the council",
                    "Send a letter or email to the council's SEND team. Keep a copy. Write down "
                    "the date you sent it.",
                ),
                (
                    "Say why",
                    "Say what your child finds hard. Say what help they get now, and what "
                    "happens. Send any reports you have.",
                ),
                (
                    "Wait for the decision",
                    "The council must tell you within 6 weeks if it will assess. It must ask "
                    "your views first.",
                ),
            ),
            deadline(
                "6 weeks",
                "The council must tell you within 6 weeks of getting your request whether it "
                "will assess your child.",
                "SEND Regulations 2014, regulation 5(1)",
            ),
            letter(
                "Asking for an EHC needs assessment",
                "Use this letter to ask the council to assess your child. Fill in the parts in "
                "brackets.",
                "To: [the council's SEND team]\n\nDate: [today's date]\n\n"
                "Request for an EHC needs assessment for [child's full name], "
                "born [date of birth]\n\n"
                "I am writing to ask you to carry out an education, health and care needs "
                "assessment for my child under section 36 of the Children and Families Act "
                "2014.\n\n"
                "My child goes to [school or setting].\n\n"
                "I think my child may have special educational needs because [what your child "
                "finds hard].\n\n"
                "The help they get now is [the help]. It is not enough because [why].\n\n"
                "I have attached [list any reports].\n\n"
                "Please tell me your decision within 6 weeks, as regulation 5 of the SEND "
                "Regulations 2014 requires." + LETTER_END,
            ),
            who_can_help("SENDIAS can help you write your request.", contacts=[IPSEA]),
        ],
    },
    {
        "slug": "the-20-week-process",
        "title": "The 20-week EHC process, step by step",
        "section": "ehc",
        "category": "assessment",
        "summary": "What happens from your request to a final EHC plan, and the time limits the "
        "council must keep.",
        "body": [
            text(
                "The whole process, from your request to a final EHC plan, must take no more "
                "than 20 weeks. Use our EHC deadlines calculator to see your own dates.",
            ),
            steps(
                "The steps",
                (
                    "Week 0: you ask",
                    "The clock starts on the day the council gets your request.",
                ),
                (
                    "By week 6: the council decides whether to assess",
                    "If it says yes, it asks experts for advice. They have 6 weeks to reply.",
                ),
                (
                    "The assessment",
                    "The council must ask you, the school, a doctor, an educational "
                    "psychologist and social care for advice. It must take your views into "
                    "account.",
                ),
                (
                    "By week 16: a decision about a plan",
                    "If the council decides not to make a plan, it must tell you by week 16. "
                    "If it will make one, it sends you a draft plan.",
                ),
                (
                    "The draft plan",
                    "You get at least 15 days to comment on the draft. You can ask for a school "
                    "to be named. You can ask to meet the council.",
                ),
                (
                    "By week 20: the final plan",
                    "The final plan must be sent to you within 20 weeks of your request.",
                ),
            ),
            law(
                "The council must send the final plan within 20 weeks of the request. It must "
                "give you at least 15 days to comment on the draft.",
                "SEND Regulations 2014, regulation 13; Code of Practice 2015, paragraph 9.40",
                f"{REGS}/regulation/13",
            ),
            deadline(
                "20 weeks",
                "The final EHC plan must reach you within 20 weeks of your request.",
                "SEND Regulations 2014, regulation 13(2)",
            ),
            questions(
                (
                    "Can the council take longer?",
                    "Only in a few cases. For example, if you were away for 4 weeks or more, or "
                    "the school was shut for 4 weeks or more. Ask them to tell you why in "
                    "writing.",
                ),
                (
                    "Do school holidays stop the clock?",
                    "No. The time limits count every day, including holidays.",
                ),
            ),
            who_can_help(contacts=[IPSEA]),
        ],
    },
    {
        "slug": "what-an-ehc-plan-contains",
        "title": "What an EHC plan must contain",
        "section": "ehc",
        "category": "",
        "summary": "An EHC plan has sections A to K. Here is what each one is for, and why "
        "section F matters most.",
        "body": [
            text(
                "An EHC plan is a legal paper. It says what your child needs and what help they "
                "must get. Every plan has the same sections, from A to K.",
                [
                    "<strong>A</strong>: your child's views, interests and hopes, and yours.",
                    "<strong>B</strong>: your child's special educational needs.",
                    "<strong>C</strong>: health needs linked to their SEN.",
                    "<strong>D</strong>: social care needs linked to their SEN or disability.",
                    "<strong>E</strong>: the outcomes: what the help should achieve.",
                    "<strong>F</strong>: the special educational help your child must get.",
                    "<strong>G</strong>: health care help linked to their SEN.",
                    "<strong>H1 and H2</strong>: social care help.",
                    "<strong>I</strong>: the name and type of school or college.",
                    "<strong>J</strong>: any personal budget.",
                    "<strong>K</strong>: the advice and reports used to write the plan.",
                ],
            ),
            law(
                "A plan must have these sections, and each must be labelled.",
                "SEND Regulations 2014, regulation 12; Code of Practice 2015, paragraph 9.62",
                f"{REGS}/regulation/12",
            ),
            text(
                "## Why section F matters",
                "The council must make sure your child gets the help in section F. So section F "
                "must be clear. It should say what help, who gives it, and how often. Words "
                'like "access to" or "as needed" are too vague.',
            ),
            law(
                "The council must secure the special educational help in the plan. Help should "
                "be detailed and specific, and normally say how much.",
                "Children and Families Act 2014, section 42; Code of Practice 2015, paragraph 9.69",
                f"{CFA}/section/42",
            ),
            questions(
                (
                    "What if the plan is vague?",
                    "Say so when you comment on the draft. Ask for hours, who gives the help, "
                    "and how often. If the final plan is still vague, you can appeal.",
                ),
                (
                    "Who must give the health help in section G?",
                    "The local NHS body that pays for your child's health care must arrange it.",
                ),
            ),
            who_can_help(contacts=[IPSEA]),
        ],
    },
    {
        "slug": "naming-a-school",
        "title": "Choosing a school or college for the plan",
        "section": "ehc",
        "category": "",
        "summary": "How to ask for a school or college to be named in an EHC plan, and when the "
        "council can say no.",
        "body": [
            text(
                "When you get the draft plan, you can ask for a school or college to be named "
                "in section I. This can be a mainstream or a special school.",
                "The council must agree to the one you ask for, unless one of three reasons "
                "applies.",
                [
                    "It would not suit your child's age, ability or needs.",
                    "It would stop other children getting an efficient education.",
                    "It would not be an efficient use of the council's money.",
                ],
            ),
            law(
                "You can ask for a school or college to be named. The council must name it "
                "unless one of these reasons applies. It must ask the school first.",
                "Children and Families Act 2014, section 39",
                f"{CFA}/section/39",
            ),
            text(
                "## Mainstream school",
                "Your child has a right to go to a mainstream school, if that is what you want. "
                "The council can only refuse in very few cases.",
            ),
            law(
                "Children with an EHC plan must be taught in a mainstream school, unless this "
                "goes against the parent's wishes or the efficient education of others.",
                "Children and Families Act 2014, section 33",
                f"{CFA}/section/33",
            ),
            questions(
                (
                    "Can I ask for an independent special school?",
                    "Yes. Schools on the government's section 41 list are treated like other "
                    "schools. For other independent schools, the council must think about your "
                    "request, but the three reasons above do not apply in the same way.",
                ),
                (
                    "What if the council names a different school?",
                    "You can appeal to the SEND Tribunal about section I. You do not need to "
                    "talk to a mediation adviser first for this kind of appeal.",
                ),
            ),
            who_can_help(contacts=[IPSEA]),
        ],
    },
    {
        "slug": "annual-reviews",
        "title": "Annual reviews of an EHC plan",
        "section": "ehc",
        "category": "",
        "summary": "An EHC plan must be checked at least once a year. Here is what happens and "
        "how to take part.",
        "body": [
            text(
                "The council must review your child's EHC plan at least every 12 months. The "
                "review checks if the help is working and if the plan needs to change.",
                "Usually the school holds the meeting. You and your child must be invited. You "
                "should get the reports at least two weeks before the meeting.",
            ),
            deadline(
                "12 months",
                "The first review must be within 12 months of the plan being made, and then at "
                "least every 12 months.",
                "Children and Families Act 2014, section 44(1)",
            ),
            law(
                "The council must review the plan, and must ask your views and your child's "
                "views when it does.",
                "Children and Families Act 2014, section 44; SEND Regulations 2014, "
                "regulations 18 to 21",
                f"{CFA}/section/44",
            ),
            steps(
                "What happens",
                (
                    "Before the meeting",
                    "You get the reports. Write down what is going well and what is not.",
                ),
                (
                    "At the meeting",
                    "Everyone talks about progress and the outcomes in the plan. Say what you "
                    "want to change.",
                ),
                (
                    "After the meeting",
                    "The school sends a report to the council. The council decides to keep, "
                    "change or end the plan. It must tell you, and how to appeal.",
                ),
            ),
            text(
                "From Year 9, every review must also look at preparing for adult life. This "
                "means work, living more on your own, friends and health.",
            ),
            questions(
                (
                    "Can the council end the plan at a review?",
                    "It can decide to. But it must tell you, and you can appeal. The plan stays "
                    "in place while an appeal is going on.",
                ),
            ),
            who_can_help(),
        ],
    },
    {
        "slug": "personal-budgets",
        "title": "Personal budgets",
        "section": "ehc",
        "category": "personal-budgets",
        "summary": "When an EHC plan is being made or reviewed, you can ask for a personal budget: "
        "money to pay for some of the help.",
        "body": [
            text(
                "A personal budget is an amount of money for some of the help in an EHC plan. "
                "It gives you more say in how help is given.",
                "You can ask for one when the council is making the plan, or at a review.",
            ),
            rights(
                "ask for a personal budget when a plan is being made or reviewed",
                "be told why if the council says no",
                citation="CFA 2014, section 49; Code of Practice 2015, paragraphs 9.95 to 9.124",
            ),
            law(
                "A parent or young person can ask the council for a personal budget for their "
                "EHC plan.",
                "Children and Families Act 2014, section 49",
                f"{CFA}/section/49",
            ),
            text(
                "## How the money can be managed",
                [
                    "The council holds the money and arranges the help you choose.",
                    "Someone else, like a charity, holds it for you.",
                    "You get the money yourself. This is a direct payment.",
                    "A mix of these.",
                ],
                "The school must agree if a direct payment is for help given in school.",
            ),
            law(
                "Direct payments have rules about how they are used and checked.",
                "The Special Educational Needs (Personal Budgets) Regulations 2014",
                "https://www.legislation.gov.uk/uksi/2014/1652",
            ),
            who_can_help(contacts=[CONTACT]),
        ],
    },
    {
        "slug": "mediation",
        "title": "Mediation",
        "section": "disagree",
        "category": "disagreements",
        "summary": "A meeting with an independent person to help you and the council agree. You "
        "must think about it before most appeals.",
        "body": [
            text(
                "Mediation is a meeting with an independent person, called a mediator. They help "
                "you and the council try to agree. The mediator does not work for the council.",
                "Before most appeals to the SEND Tribunal, you must contact a mediation adviser. "
                "You do not have to go to mediation. But you do need the certificate the adviser "
                "gives you.",
            ),
            law(
                "Before you appeal, you must get advice about mediation and a certificate. This "
                "does not apply if the appeal is only about the school or college named.",
                "Children and Families Act 2014, section 55",
                f"{CFA}/section/55",
            ),
            steps(
                "How it works",
                (
                    "Contact the adviser",
                    "The council's decision letter tells you who the mediation adviser is.",
                ),
                (
                    "Decide",
                    "Say if you want mediation. If you do not, the adviser sends you a "
                    "certificate.",
                ),
                (
                    "Go to mediation",
                    "If you want it, it should happen within 30 days. The council pays for it.",
                ),
                (
                    "Get your certificate",
                    "After mediation, you get a certificate. You need it to appeal.",
                ),
            ),
            deadline(
                "1 month",
                "After you get a mediation certificate, you have 1 month to appeal, or 2 months "
                "from the decision letter if that is later.",
                "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care "
                "Chamber) Rules 2008, rule 20",
            ),
            law(
                "The regulations set out how mediation works, and who pays.",
                "SEND Regulations 2014, Part 5",
                f"{REGS}/part/5",
            ),
            who_can_help(contacts=[IPSEA]),
        ],
    },
    {
        "slug": "appeals",
        "title": "Appealing to the SEND Tribunal",
        "section": "disagree",
        "category": "disagreements",
        "summary": "If you disagree with the council's decision, you can appeal to an independent "
        "tribunal. Here is what you can appeal and when.",
        "body": [
            text(
                "The SEND Tribunal is independent of the council. It listens to both sides and "
                "makes a decision. It is free to appeal. You do not need a lawyer.",
                "You can appeal if the council:",
                [
                    "will not carry out an EHC needs assessment",
                    "will not make an EHC plan after assessing",
                    "writes a plan you disagree with, in sections B, F or I",
                    "will not change a plan after a review, or decides to end it",
                ],
            ),
            law(
                "Parents and young people can appeal these decisions to the First-tier Tribunal.",
                "Children and Families Act 2014, section 51",
                f"{CFA}/section/51",
            ),
            deadline(
                "2 months",
                "You must appeal within 2 months of the date on the decision letter, or within "
                "1 month of your mediation certificate if that is later.",
                "Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care "
                "Chamber) Rules 2008, rule 20",
            ),
            steps(
                "How to appeal",
                (
                    "Get your mediation certificate",
                    "You need one unless you only disagree about the school named.",
                ),
                (
                    "Fill in the form",
                    "Use the Tribunal's form. Send a copy of the decision letter and the "
                    "certificate.",
                ),
                (
                    "Gather evidence",
                    "Reports from experts help. Say clearly what you want to change.",
                ),
                (
                    "The hearing",
                    "A judge and an expert hear the appeal. The Tribunal decides.",
                ),
            ),
            questions(
                (
                    "Can the Tribunal look at health and social care too?",
                    "It can make recommendations about the health and social care parts of a "
                    "plan, when you also appeal about the education parts.",
                ),
                (
                    "What if I miss the deadline?",
                    "Ask the Tribunal anyway. It can sometimes allow a late appeal, but you must "
                    "explain why it is late.",
                ),
            ),
            who_can_help(
                "Free advice can make a big difference.",
                contacts=[
                    IPSEA,
                    {
                        "name": "SEND Tribunal",
                        "description": "Forms and guidance on how to appeal.",
                        "url": TRIBUNAL,
                        "phone": "",
                    },
                ],
            ),
        ],
    },
    {
        "slug": "disability-discrimination",
        "title": "Disability discrimination at school",
        "section": "disagree",
        "category": "disagreements",
        "summary": "Schools must not treat disabled pupils unfairly, and must make reasonable "
        "adjustments. You can make a claim to the Tribunal.",
        "body": [
            text(
                "Schools must not treat a disabled child worse because of their disability. "
                "They must also make reasonable adjustments. This means changes so your child is "
                "not at a disadvantage.",
                "For example, a school should not leave your child out of a trip because of "
                "their condition. It might need to change a rule, give extra time, or give "
                "equipment.",
            ),
            law(
                "Schools must not discriminate against disabled pupils in admissions, in how "
                "they teach, or by excluding them.",
                "Equality Act 2010, section 85",
                f"{EQA}/section/85",
            ),
            law(
                "Schools must make reasonable adjustments for disabled pupils, including aids "
                "like equipment or support.",
                "Equality Act 2010, sections 20 and 85(6)",
                f"{EQA}/section/20",
            ),
            rights(
                "complain to the school first",
                "make a claim to the SEND Tribunal about disability discrimination",
                citation="Equality Act 2010, Schedule 17",
            ),
            deadline(
                "6 months",
                "A claim to the Tribunal must be made within 6 months of what happened.",
                "Equality Act 2010, Schedule 17, paragraph 4",
            ),
            questions(
                (
                    "Does my child need SEN to be disabled?",
                    "No. Disability and SEN are different. A child can be disabled and not have "
                    "SEN, or have both.",
                ),
            ),
            who_can_help(
                contacts=[
                    {
                        "name": "Equality Advisory and Support Service",
                        "description": "Free advice about discrimination.",
                        "url": "https://www.equalityadvisoryservice.com/",
                        "phone": "",
                    }
                ],
            ),
        ],
    },
    {
        "slug": "exclusions-and-part-time-timetables",
        "title": "Exclusions and part-time timetables",
        "section": "disagree",
        "category": "",
        "summary": "When a school can send your child home, what it must tell you, and why a "
        "part-time timetable must be short and agreed.",
        "body": [
            text(
                "Only the head teacher can exclude a pupil. It must be for a reason about "
                "behaviour, and it must follow the law. The school must tell you in writing and "
                "say why.",
                'Sending a child home "to calm down" without a formal exclusion is not '
                "allowed. This is sometimes called an informal exclusion. It is unlawful.",
            ),
            law(
                "Exclusions must follow the law and the government's guidance. Schools must "
                "think about a pupil's SEN and disability first.",
                "Education and Inspections Act 2006, section 51A; School Discipline (Pupil "
                "Exclusions and Reviews) (England) Regulations 2012",
                "https://www.legislation.gov.uk/ukpga/2006/40/section/51A",
            ),
            rights(
                "be told about an exclusion in writing, with the reason",
                "tell the school's governors your views about it",
                "ask for an SEN expert at an independent review of a permanent exclusion",
                "claim disability discrimination if the exclusion is linked to your child's "
                "disability",
            ),
            text(
                "## Part-time timetables",
                "A part-time timetable means your child only goes to school for part of the "
                "day. It should only happen if you agree. It should be for a short time, with an "
                "end date. It should be checked often. It should not be used as a punishment.",
            ),
            law(
                "Every child of school age must get a full-time education. Part-time "
                "timetables should be rare, short and agreed with parents.",
                "Education Act 1996, sections 7 and 19; DfE guidance Working together to "
                "improve school attendance",
                "https://www.legislation.gov.uk/ukpga/1996/56/section/19",
            ),
            questions(
                (
                    "What if my child has been out of school for a long time?",
                    "The council must arrange suitable education for a child who cannot go to "
                    "school because of illness, exclusion or another reason.",
                ),
            ),
            who_can_help(contacts=[IPSEA]),
        ],
    },
    {
        "slug": "complaints",
        "title": "Making a complaint",
        "section": "disagree",
        "category": "disagreements",
        "summary": "Who to complain to about a school, the council, health or social care, and "
        "what to do if you are still not happy.",
        "body": [
            text(
                "If something has gone wrong, you can complain. Start with the people closest "
                "to the problem. Often that is the fastest way to fix it.",
            ),
            steps(
                "Who to complain to",
                (
                    "A school",
                    "Use the school's complaints policy. It is on the school's website. Its SEN "
                    "information report must also say how to complain.",
                ),
                (
                    "The council",
                    "Use the council's complaints process. You can then go to the Local "
                    "Government and Social Care Ombudsman.",
                ),
                (
                    "Health services",
                    "Complain to the NHS service or the body that pays for it. You can then go "
                    "to the Parliamentary and Health Service Ombudsman.",
                ),
                (
                    "Social care",
                    "Use the council's social care complaints process.",
                ),
            ),
            law(
                "Disagreements can be resolved in several ways: talking, disagreement "
                "resolution, mediation, complaints, the Ombudsman and appeals.",
                "SEND Code of Practice 2015, chapter 11",
                COP,
            ),
            text(
                "A complaint is not the same as an appeal. Some decisions, like refusing an "
                "assessment, can only be changed by the SEND Tribunal. Do not let a complaint "
                "make you miss an appeal deadline.",
            ),
            who_can_help(
                contacts=[
                    {
                        "name": "Local Government and Social Care Ombudsman",
                        "description": "Looks at complaints about councils, after the council's "
                        "own process.",
                        "url": "https://www.lgo.org.uk/",
                        "phone": "",
                    }
                ],
            ),
        ],
    },
    {
        "slug": "school-transport",
        "title": "Travel to school and college",
        "section": "life",
        "category": "transport",
        "summary": "When the council must give free travel to school for children with SEN or a "
        "disability, and help for young people after 16.",
        "body": [
            text(
                "Some children get free travel to school. This can be a bus pass, a taxi, or "
                "money for petrol.",
                "The council must give free travel if your child goes to their nearest suitable "
                "school and either:",
                [
                    "it is too far to walk (2 miles if under 8, 3 miles if 8 or over), or",
                    "they cannot be expected to walk because of their SEN, disability or "
                    "mobility needs, even if it is close, or",
                    "the walk is not safe.",
                ],
            ),
            law(
                "The council must make travel arrangements for eligible children, including "
                "those who cannot walk to school because of SEN or disability.",
                "Education Act 1996, section 508B and Schedule 35B",
                "https://www.legislation.gov.uk/ukpga/1996/56/section/508B",
            ),
            text(
                "## After 16",
                "For young people aged 16 to 18, the council must publish a transport policy "
                "each year. For young adults aged 19 to 25 with an EHC plan, the council must "
                "provide travel if it is needed.",
            ),
            law(
                "Councils must publish a post-16 transport policy. They have duties to some "
                "adults aged 19 to 25 too.",
                "Education Act 1996, sections 509AA and 508F",
                "https://www.legislation.gov.uk/ukpga/1996/56/section/509AA",
            ),
            questions(
                (
                    "What if the council says no?",
                    "Ask for a review. The government's guidance says councils should have a "
                    "two-stage review. After that, you can complain to the Ombudsman.",
                ),
            ),
            who_can_help(services=["Home to School Transport"]),
        ],
    },
    {
        "slug": "early-years",
        "title": "SEND in the early years",
        "section": "school",
        "category": "",
        "summary": "Help for babies and young children before they start school, and what "
        "nurseries and childminders must do.",
        "body": [
            text(
                "Some needs show up before a child starts school. Health visitors, doctors and "
                "nurseries often spot them first. You know your child best. If you are worried, "
                "say so.",
                "Nurseries and childminders funded by the council must help children with SEN. "
                "Nurseries are expected to have a SENCo. Childminders are encouraged to have "
                "one, or to share one.",
            ),
            law(
                "If a health body thinks a child under school age may have SEN, it must tell the "
                "parents and the council.",
                "Children and Families Act 2014, section 23",
                f"{CFA}/section/23",
            ),
            law(
                "Early years settings use the same cycle of assess, plan, do and review.",
                "SEND Code of Practice 2015, chapter 5",
                COP,
            ),
            rights(
                "ask for an EHC needs assessment for a child of any age, even a baby",
                "get help from the council's early years SEN team",
                citation="CFA 2014, section 36",
            ),
            questions(
                (
                    "Is there a check at age 2?",
                    "Yes. There is a health visitor check and a progress check at nursery. These "
                    "can help spot needs early.",
                ),
                (
                    "Should my child start school later?",
                    "Children must be in education from the term after they turn 5. You can ask "
                    "for a summer-born child to start Reception a year later. Talk to the school "
                    "and the council.",
                ),
            ),
            who_can_help(services=["Early Talk Drop-in"]),
        ],
    },
    {
        "slug": "preparing-for-adulthood",
        "title": "Preparing for adult life, from 14 to 25",
        "section": "life",
        "category": "adulthood",
        "summary": "What changes as a young person grows up: their own say, plans up to 25, "
        "college, work and living more on their own.",
        "body": [
            text(
                "From Year 9, planning should look ahead to adult life. This means four things:",
                [
                    "a job or more learning",
                    "living more on your own",
                    "friends and being part of the community",
                    "being as healthy as you can",
                ],
            ),
            law(
                "From Year 9, reviews of an EHC plan must think about what help is needed to "
                "prepare for adult life.",
                "SEND Regulations 2014, regulation 20; Code of Practice 2015, chapter 8",
                f"{REGS}/regulation/20",
            ),
            text(
                "## Young people make their own choices",
                "From the end of Year 11, young people make most decisions for themselves. "
                "Parents can still help, if the young person wants that.",
                "An EHC plan can last up to age 25, while the young person is still learning. "
                "It does not end just because they turn 18 or 19. The council can end it if "
                "they go to university, or start a paid job that is not an apprenticeship.",
            ),
            law(
                "The council can stop an EHC plan only in the cases the law allows. It does not "
                "end at 18 or 19 on its own.",
                "Children and Families Act 2014, section 45",
                f"{CFA}/section/45",
            ),
            text(
                "## Ways into work",
                "Supported internships are mainly for young people with an EHC plan. They last "
                "about a year. Most of the time is spent learning at work, with a job coach.",
            ),
            who_can_help(
                services=[
                    "Supported Employment Service",
                    "Moving On: Independent Living Skills",
                ]
            ),
        ],
    },
    {
        "slug": "health-and-social-care",
        "title": "Health and social care",
        "section": "life",
        "category": "",
        "summary": "What the NHS and social care must do for children with SEND, and short "
        "breaks for families.",
        "body": [
            text(
                "Health services and social care must work with the council. When health help "
                "is written in section G of an EHC plan, the NHS must arrange it.",
            ),
            law(
                "The local NHS body must arrange the health care in an EHC plan.",
                "Children and Families Act 2014, section 42(3)",
                f"{CFA}/section/42",
            ),
            text(
                "Most areas have a Designated Clinical Officer. They help make sure health care "
                "for SEND works well.",
                "## Social care",
                'A disabled child is a "child in need" in law. You can ask the council\'s '
                "social care team to assess what your family needs. This can lead to help at "
                "home, or short breaks.",
            ),
            law(
                "The council must give help to children in need and their families, including "
                "disabled children.",
                "Children Act 1989, section 17",
                "https://www.legislation.gov.uk/ukpga/1989/41/section/17",
            ),
            law(
                "Councils must provide short breaks for families of disabled children, and "
                "publish what is on offer.",
                "Breaks for Carers of Disabled Children Regulations 2011",
                "https://www.legislation.gov.uk/uksi/2011/707",
            ),
            rights(
                "ask for a social care assessment for your disabled child",
                "ask for a carer's assessment for yourself",
                citation="Children Act 1989, sections 17 and 17ZD",
            ),
            who_can_help(
                services=[
                    "Disabled Children's Social Work Team",
                    "Saturday Club Short Breaks",
                ],
                contacts=[CONTACT],
            ),
        ],
    },
]

CALCULATOR = {
    "slug": "ehc-deadlines",
    "title": "EHC deadlines calculator",
    "section": "ehc",
    "category": "assessment",
    "summary": "Enter the date the council got your request. See the date each step of the EHC "
    "process is due, and when you can appeal.",
    "intro": "<p>Put in the dates you have. We work out the latest date for each step. Nothing "
    "you enter is saved.</p>",
}

GUIDE_INTRO = (
    "<p>Plain answers about your rights and the help on offer, written with local parents. "
    "Each page says where the law is written, so you can check it.</p>"
)
