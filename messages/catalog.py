"""Every message quitbot sends: a stable id and its English source text.

Stdlib only. The English text is the gettext msgid and the id its msgctxt, so `pybabel extract
-k N_:1c,2` finds them all. Rules for writers (docs/voice.md): plain words, one idea, one
clear next step, straight quotes only (an SMS must stay GSM-7), keywords in capitals and
nothing else in capitals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Message:
    """One message: `key` is its stable id, `text` its English source with {placeholders}.

    `sms_segments` is its English SMS budget: 1 unless a longer message is justified here.
    """

    key: str
    text: str
    sms_segments: int = 1
    # A question's answers as quick-reply buttons where the channel has them (Telegram, the web
    # chat); SMS shows only the text, which lists them itself. Each label, rendered with the
    # question's own parameters, must read as that answer typed.
    choices: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money in pence, formatted per locale when rendered ("£12.80")."""

    pence: int


@dataclass(frozen=True, slots=True)
class ShiftList:
    """A read-back of someone's shifts, worded per locale when rendered.

    Shift kinds are `flows.roster.ShiftKind` values; weekdays count from 0 = Monday.

    Attributes:
        weekly: each kind of shift and the weekdays it is worked ("nights Mon, Tue, Wed").
        cycle: a rotation as runs of (kind, or None for days off, how many days).
        cycle_from: the date the rotation starts.
        changes: one-off spans (kind or None for off, first day, last day).
    """

    weekly: tuple[tuple[str, tuple[int, ...]], ...] = ()
    cycle: tuple[tuple[str | None, int], ...] = ()
    cycle_from: date | None = None
    changes: tuple[tuple[str | None, date, date], ...] = ()


def N_(  # noqa: N802 - gettext marker
    key: str, text: str, *, sms_segments: int = 1, choices: tuple[Message, ...] = ()
) -> Message:
    """Declare a message (and mark it for extraction)."""
    return Message(key, text, sms_segments, choices)


# --- Quick-reply labels (buttons on Telegram and in the web chat, never an SMS) ---------------
# Short, and each one read exactly as if the person had typed it: a yes or no as the question
# asks for it (Welsh "IE" and "NA"), a scale's number, a list's number with its name (the
# number decides, whatever the name is read as), a suggested date as dates are written.
YES = N_("choice.yes", "Yes")
NO = N_("choice.no", "No")
YES_NO = (YES, NO)
NO_YES = (NO, YES)
SCALE_0 = N_("choice.scale_0", "0")
SCALE_1 = N_("choice.scale_1", "1")
SCALE_2 = N_("choice.scale_2", "2")
SCALE_3 = N_("choice.scale_3", "3")
SCALE_4 = N_("choice.scale_4", "4")
SCALE_5 = N_("choice.scale_5", "5")
SCALE_POINTS = (SCALE_0, SCALE_1, SCALE_2, SCALE_3, SCALE_4, SCALE_5)


def scale(low: int, high: int) -> tuple[Message, ...]:
    """The points of a scale from `low` to `high` (within 0 to 5), as quick replies."""
    return SCALE_POINTS[max(low, 0) : high + 1]


GENDER_WOMAN = N_("choice.gender_woman", "1 Woman")
GENDER_MAN = N_("choice.gender_man", "2 Man")
GENDER_ANOTHER_WAY = N_("choice.gender_another_way", "3 Another way")
GENDER_PREFER_NOT = N_("choice.gender_prefer_not", "4 Prefer not to say")
GENDER_CHOICES = (GENDER_WOMAN, GENDER_MAN, GENDER_ANOTHER_WAY, GENDER_PREFER_NOT)
WORK_DAYS = N_("choice.work_days", "1 Days")
WORK_NIGHTS = N_("choice.work_nights", "2 Nights")
WORK_DAYS_AND_NIGHTS = N_("choice.work_days_and_nights", "3 Days and nights")
WORK_LONG_DAYS = N_("choice.work_long_days", "4 Long days")
WORK_OFFICE_HOURS = N_("choice.work_office_hours", "5 Office hours")
WORK_OTHER = N_("choice.work_other", "6 Other")
WORK_PATTERN_CHOICES = (
    WORK_DAYS,
    WORK_NIGHTS,
    WORK_DAYS_AND_NIGHTS,
    WORK_LONG_DAYS,
    WORK_OFFICE_HOURS,
    WORK_OTHER,
)
FIRST_WITHIN_5 = N_("choice.first_within_5", "1 Within 5 min")
FIRST_6_TO_30 = N_("choice.first_6_to_30", "2 In 6-30 min")
FIRST_31_TO_60 = N_("choice.first_31_to_60", "3 In 31-60 min")
FIRST_AFTER_AN_HOUR = N_("choice.first_after_an_hour", "4 After an hour")
FIRST_CIGARETTE_CHOICES = (FIRST_WITHIN_5, FIRST_6_TO_30, FIRST_31_TO_60, FIRST_AFTER_AN_HOUR)
AID_NRT_CHOICE = N_("choice.aid_nrt", "1 Patches or gum (NRT)")
AID_VARENICLINE_CHOICE = N_("choice.aid_varenicline", "2 Stop smoking tablets")
AID_VAPE_CHOICE = N_("choice.aid_vape", "3 A vape")
AID_NOT_SURE_CHOICE = N_("choice.aid_not_sure", "4 Not sure")
AID_NOTHING_CHOICE = N_("choice.aid_nothing", "5 Nothing")
QUIT_AID_CHOICES = (
    AID_NRT_CHOICE,
    AID_VARENICLINE_CHOICE,
    AID_VAPE_CHOICE,
    AID_NOT_SURE_CHOICE,
    AID_NOTHING_CHOICE,
)
SLIP_ONE_OFF_CHOICE = N_("choice.slip_one_off", "1 One-off")
SLIP_SMOKING_AGAIN_CHOICE = N_("choice.slip_smoking_again", "2 Smoking again")
SLIP_CHOICES = (SLIP_ONE_OFF_CHOICE, SLIP_SMOKING_AGAIN_CHOICE)
SUGGESTED_DATE = N_("choice.suggested_date", "{date}")  # written as in the question
ANOTHER_DAY = N_("choice.another_day", "Another day")


# --- Registration ---------------------------------------------------------------------------
WELCOME = N_(
    "reg.welcome",
    "Hi, this is quitbot: free NHS support to stop smoking, made for shift workers. "
    "Am Gymraeg, atebwch CYMRAEG.",
)
CONSENT = N_(
    "reg.consent",
    "We keep your answers safe and use them only to support you and improve the service "
    "({privacy_url}). Happy to go on? Reply YES or NO",
    choices=YES_NO,
)
CONSENT_REASK = N_(
    "reg.consent_reask",
    "Sorry, I need a YES or NO. Are you happy for us to keep your answers to support you?",
    choices=YES_NO,
)
DECLINED = N_(
    "reg.declined",
    "No problem, we won't keep your answers. Text START if you change your mind. "
    "Other help to stop: {service}",
)
DECLINED_AGAIN = N_(
    "reg.declined_again",
    "You said no to us keeping your answers, so I can't help here yet. Text START to begin again.",
)
ASK_AGE = N_("reg.ask_age", "Thanks! How old are you? Reply with a number, e.g. 34")
AGE_REASK = N_("reg.age_reask", "Please reply with your age in years as a number, e.g. 34")
ASK_NHS_STAFF = N_(
    "reg.ask_nhs_staff",
    "Do you work for the NHS? Any role counts, including bank and agency. Reply YES or NO",
    choices=YES_NO,
)
ASK_SMOKES = N_(
    "reg.ask_smokes",
    "Do you smoke tobacco, even now and then? Cigarettes, roll-ups, cigars or a pipe. "
    "Reply YES or NO",
    choices=YES_NO,
)
ASK_CLOZAPINE = N_(
    "reg.ask_clozapine", "Do you take a medicine called clozapine? Reply YES or NO", choices=YES_NO
)
YES_NO_REASK = N_(
    "reg.yes_no_reask", "Sorry, I didn't get that. Please reply YES or NO", choices=YES_NO
)
INELIGIBLE_UNDER_18 = N_(
    "reg.ineligible_under_18",
    "Sorry, quitbot is for NHS staff aged 18 and over. Your GP or local stop smoking service "
    "can help: {service}",
)
INELIGIBLE_NOT_NHS = N_(
    "reg.ineligible_not_nhs",
    "Sorry, quitbot is just for NHS staff. Free help to stop smoking: {service}, or your "
    "local pharmacy.",
)
INELIGIBLE_NOT_SMOKING = N_(
    "reg.ineligible_not_smoking",
    "Good news that you don't smoke. If you vape and want to stop, a pharmacist or your GP "
    "can help. Take care!",
)
INELIGIBLE_CLOZAPINE = N_(
    "reg.ineligible_clozapine",
    "Stopping smoking changes clozapine levels, so please talk to the team who prescribe it "
    "first. They can help you stop safely.",
)
INELIGIBLE_AGAIN = N_(
    "reg.ineligible_again",
    "quitbot is for NHS staff aged 18+ who smoke and don't take clozapine. If that has "
    "changed, text START.",
)
ELIGIBLE = N_(
    "reg.eligible",
    "You can join! A few quick questions help us fit support around you. "
    "Reply SKIP to any you'd rather not answer.",
)
ASK_ROLE = N_("reg.ask_role", "What is your job? e.g. nurse, HCA, porter, doctor, admin")
ROLE_REASK = N_("reg.role_reask", "Just your job title is fine, e.g. nurse, HCA, porter. Or SKIP.")
ASK_EMPLOYER = N_("reg.ask_employer", "Which NHS trust or organisation do you work for?")
ASK_POSTCODE = N_(
    "reg.ask_postcode",
    "What is your home postcode? We only use it to see which areas we reach.",
)
POSTCODE_REASK = N_(
    "reg.postcode_reask",
    "That doesn't look like a UK postcode. Please try again, e.g. CF10 3AT, or reply SKIP",
)
ASK_GENDER = N_(
    "reg.ask_gender",
    "How do you describe your gender? Reply 1 Woman, 2 Man, 3 Another way, 4 Prefer not to say",
    choices=GENDER_CHOICES,
)
ASK_WORK_PATTERN = N_(
    "reg.ask_work_pattern",
    "How do you mostly work? Reply 1 Days, 2 Nights, 3 Days and nights, 4 Long days, "
    "5 Office hours, 6 Other",
    choices=WORK_PATTERN_CHOICES,
)
ASK_CIGARETTES = N_(
    "reg.ask_cigarettes",
    "About how many cigarettes do you smoke a day? Reply with a number, e.g. 10",
)
NUMBER_REASK = N_("reg.number_reask", "Please reply with a number, e.g. 10, or reply SKIP")
ASK_FIRST_CIGARETTE = N_(
    "reg.ask_first_cigarette",
    "How soon after waking do you smoke? Reply 1 Within 5 min, 2 In 6-30 min, "
    "3 In 31-60 min, 4 After an hour",
    choices=FIRST_CIGARETTE_CHOICES,
)
CHOICE_REASK = N_("reg.choice_reask", "Please reply with one of the numbers, or SKIP")
ASK_PAST_ATTEMPTS = N_(
    "reg.ask_past_attempts",
    "How many times have you tried to stop in the last year? Reply with a number, e.g. 0 or 2",
)
ASK_MOTIVATION = N_(
    "reg.ask_motivation",
    "How much do you want to stop right now, from 1 (a bit) to 5 (very much)?",
    choices=scale(1, 5),
)
ASK_QUIT_AID = N_(
    "reg.ask_quit_aid",
    "What would you like to help you stop? Reply 1 Patches or gum (NRT), 2 Stop smoking "
    "tablets, 3 A vape, 4 Not sure, 5 Nothing",
    choices=QUIT_AID_CHOICES,
)
AID_NRT = N_(
    "reg.aid_nrt",
    "Good choice: NRT works best as a patch plus gum or spray. A pharmacist can help you pick "
    "and set it up.",
)
AID_VARENICLINE = N_(
    "reg.aid_varenicline",
    "Stop smoking tablets (varenicline, cytisine) are on prescription. Ask your GP, pharmacist "
    "or stop smoking service soon: you start them before your quit date.",
)
AID_VAPE = N_(
    "reg.aid_vape",
    "Vaping is far less harmful than smoking, though not risk-free. Your stop smoking service "
    "can help you choose a vape and use it well.",
)
AID_NOT_SURE = N_(
    "reg.aid_not_sure",
    "That's fine. Stop smoking aids can double your chances. Reply ADVISOR any time to talk "
    "it through with a person.",
)
ASK_QUIT_DATE = N_(
    "reg.ask_quit_date",
    "Now pick a quit date in the next 2 weeks. A day off often works well. Reply e.g. "
    "tomorrow, Monday, 3 Dec or in 5 days",
)
ASK_QUIT_DATE_DAY_OFF = N_(
    "reg.ask_quit_date_day_off",
    "Now pick a quit date in the next 2 weeks. A day off works well: your next is {date}. "
    "Reply e.g. tomorrow, Monday or 3 Dec",
    choices=(SUGGESTED_DATE, ANOTHER_DAY),
)
QUIT_DATE_UNREADABLE = N_(
    "reg.quit_date_unreadable",
    "Sorry, I couldn't read that as a date. Try e.g. Friday, 5 Dec or in 3 days",
)
QUIT_DATE_PAST = N_(
    "reg.quit_date_past",
    "That date has passed. Please pick a day between today and {last_date}.",
)
QUIT_DATE_TOO_FAR = N_(
    "reg.quit_date_too_far",
    "That's more than 2 weeks away, and sooner works better. Please pick a day up to {last_date}.",
)
CONFIRM_QUIT_DATE = N_(
    "reg.confirm_quit_date",
    "So your quit date is {date}. Is that right? Reply YES or NO",
    choices=YES_NO,
)
QUIT_DATE_AGAIN = N_("reg.quit_date_again", "OK. Which date would you like instead?")
QUIT_DATE_SET = N_(
    "reg.quit_date_set",
    "Great, your quit date is {date}. I'll be in touch before then to help you get ready.",
)
QUIT_DATE_SET_TODAY = N_(
    "reg.quit_date_set_today",
    "Great, today is your quit day. I'll be with you through it: text CRAVE any time a "
    "craving hits.",
)
QUIT_DATE_SET_SOON = N_(
    "reg.quit_date_set_soon",
    "Great, your quit date is {date}. That's soon, so let's get you ready now.",
)
HELP_HINT = N_("reg.help_hint", "Reply HELP any time to see what you can text me.")
PREPARING = N_(
    "reg.preparing",
    "Your quit date is {date}. You're doing the right thing. Reply HELP to see what I can do.",
)

# --- Shifts and quiet hours ------------------------------------------------------------------
ASK_ROSTER = N_(
    "roster.ask",
    "Which shifts do you work? Tell me in your own words, e.g. nights mon-wed, long days "
    "tue thu sat, or 4 on 4 off. Or reply SKIP",
)
ROSTER_NEED_DAYS = N_(
    "roster.need_days",
    "Thanks. Which days are your next shifts? e.g. nights mon-wed, earlies this week, or "
    "4 on 4 off from thursday",
)
ROSTER_REASK = N_(
    "roster.reask",
    "Sorry, I didn't get that. Try e.g. nights mon-wed, lates fri sat, 4 on 4 off, or off "
    "till monday. Or reply SKIP",
)
CONFIRM_ROSTER = N_(
    "roster.confirm",
    "So you work: {shifts}. Is that right? Reply YES or NO",
    sms_segments=2,
    choices=YES_NO,
)
CONFIRM_ROSTER_GUESS = N_(
    "roster.confirm_guess",
    "I think you work: {shifts}. Is that right? Reply YES, or tell me again, e.g. 4 nights on "
    "4 off from friday",
    sms_segments=2,
    choices=YES_NO,
)
ROSTER_SAVED = N_(
    "roster.saved",
    "Thanks. I'll fit my messages around your shifts and never wake you after nights. Text "
    "SHIFT to change them.",
)
ROSTER_AGAIN = N_(
    "roster.again",
    "No problem. Tell me your shifts again, e.g. nights mon-wed, long days tue thu sat, or "
    "4 on 4 off",
)
ROSTER_LATER = N_(
    "roster.later", "OK, we'll leave your shifts for now. Text SHIFT any time to tell me."
)
# Pieces of a read-back of someone's shifts (see messages.render).
ROSTER_CYCLE = N_("roster.cycle", "{runs}, repeating from {first}")
ROSTER_SPAN = N_("roster.span", "{shift} from {first} to {last}")
ROSTER_NONE = N_("roster.none", "no set shifts")
SHIFTS_EARLY = N_("shift.early", "earlies")
SHIFT_EARLY = N_("shift.early_one", "early")
SHIFTS_LATE = N_("shift.late", "lates")
SHIFT_LATE = N_("shift.late_one", "late")
SHIFTS_LONG_DAY = N_("shift.long_day", "long days")
SHIFT_LONG_DAY = N_("shift.long_day_one", "long day")
SHIFTS_NIGHT = N_("shift.night", "nights")
SHIFT_NIGHT = N_("shift.night_one", "night")
SHIFTS_OFFICE = N_("shift.office", "office hours")
SHIFT_OFFICE = N_("shift.office_one", "office day")
SHIFTS_OFF = N_("shift.off", "off")
ASK_QUIET_HOURS = N_(
    "quiet.ask",
    "When should I never message you? Reply with a time range, e.g. 10pm-7am, or NONE to "
    "clear it.",
)
QUIET_HOURS_REASK = N_(
    "quiet.reask", "Please reply with a time range, e.g. 10pm-7am or 22:00-07:00, or NONE"
)
QUIET_HOURS_SAVED = N_(
    "quiet.saved",
    "Done. No messages from me between {start} and {end}. Text QUIET to change that.",
)
QUIET_HOURS_CLEARED = N_(
    "quiet.cleared",
    "Done, no quiet hours of your own. I still never message while you sleep after nights.",
)
SHIFT_TIP_BREAK = N_(
    "tip.shift_break",
    "Shift today. Plan your break: water, gum or your NRT instead of a cigarette. Text CRAVE "
    "if it gets hard.",
)
SHIFT_TIP_PASSES = N_(
    "tip.shift_passes",
    "On shift, a craving passes in a few minutes. Breathe in for 4, out for 6, and keep going. "
    "Text CRAVE for help.",
)
SHIFT_TIP_COLLEAGUE = N_(
    "tip.shift_colleague",
    "Tip: tell a colleague you've stopped. Breaks are easier with someone on your side. Text "
    "CRAVE any time.",
)
DAY_OFF_TIP = N_(
    "tip.day_off",
    "Days off can bring cravings too. Keep your hands busy, plan something, and text CRAVE if "
    "it gets hard.",
)

# --- The quit attempt ------------------------------------------------------------------------
PREPARE_REASONS = N_(
    "journey.prepare_reasons",
    "Your quit date is {date}. Today, note your top reasons to stop in your phone. They help "
    "on hard days.",
)
PREPARE_TRIGGERS = N_(
    "journey.prepare_triggers",
    "Quit date soon. When do you smoke on shift? Plan something else for those breaks: a walk, "
    "a cold drink, a chat.",
)
ASK_REASONS = N_(
    "journey.ask_reasons",
    "Your quit date is {date}. What are your top reasons to stop? Reply in a few words and "
    "I'll remind you when it's hard.",
)
ASK_REASONS_NOW = N_(
    "journey.ask_reasons_now",
    "First, what are your top reasons to stop? Reply in a few words and I'll remind you when "
    "it's hard.",
)
REASONS_NOTED = N_("journey.reasons_noted", "Thanks. I'll remind you of that when a craving hits.")
ASK_TRIGGERS = N_(
    "journey.ask_triggers",
    "When do you most want to smoke on shift? e.g. breaks, after a hard call, driving home. "
    "Reply in a few words",
)
TRIGGERS_NOTED = N_(
    "journey.triggers_noted",
    "Good to know. Plan something else for those times: a walk, a cold drink, a chat, or your "
    "NRT if you use it.",
)
CRAVE_OWN_REASONS = N_(
    "journey.crave_own_reasons",
    "Remember why you're stopping: {reasons}. Every craving you get through makes the next one "
    "weaker.",
    sms_segments=2,  # quotes the person's own reasons (up to 100 characters) back to them
)
PREPARE_TOMORROW = N_(
    "journey.prepare_tomorrow",
    "Tomorrow is your quit date. Bin cigarettes, lighters and ashtrays tonight, and have your "
    "stop smoking aid ready.",
)
QUIT_DAY = N_(
    "journey.quit_day",
    "Today is your quit day. From now on, not a puff: even one makes the next craving stronger. "
    "Text CRAVE any time.",
)
# Quit day through the day, fitted to the shift: QUIT_DAY in the morning, then one before the
# shift or at its break (or the afternoon of a day off), then one at the day's end.
QUIT_DAY_SHIFT = N_(
    "journey.quit_day_shift",
    "Your first shift smoke-free. At your break, keep away from the smoking spot: water, a "
    "snack, a chat. Text CRAVE if it's hard.",
)
QUIT_DAY_SHIFT_TRIGGERS = N_(
    "journey.quit_day_shift_triggers",
    "Your first shift smoke-free. You said the hardest times are: {triggers}. Have your plan "
    "ready for them, and text CRAVE if it's hard.",
    sms_segments=2,  # quotes the person's own words (up to 100 characters) back to them
)
QUIT_DAY_AFTERNOON = N_(
    "journey.quit_day_afternoon",
    "How's your quit day going? Keep busy, get some fresh air, and stay away from places you'd "
    "smoke. Text CRAVE if it gets hard.",
)
QUIT_DAY_AFTERNOON_TRIGGERS = N_(
    "journey.quit_day_afternoon_triggers",
    "How's your quit day going? You said the hardest times are: {triggers}. Have a plan ready "
    "for them. Text CRAVE if it gets hard.",
    sms_segments=2,  # quotes the person's own words (up to 100 characters) back to them
)
QUIT_DAY_SHIFT_END = N_(
    "journey.quit_day_shift_end",
    "Keep going: the end of your first smoke-free shift is in sight. Eat something, sip water, "
    "and text CRAVE if it's hard.",
)
QUIT_DAY_AFTER_SHIFT = N_(
    "journey.quit_day_after_shift",
    "First shift done on your quit day: that's a big deal. The way home and the evening can "
    "bring cravings. Text CRAVE if one hits.",
)
QUIT_DAY_END = N_(
    "journey.quit_day_end",
    "Your quit day is nearly over. Well done for starting. Evenings can bring cravings: keep "
    "busy, and I'll check in tomorrow.",
)
# On-shift tips that quote the person's own triggers (a few times in the first weeks).
SHIFT_TIP_TRIGGERS = N_(
    "tip.shift_triggers",
    "On shift today. You told me the hardest times are: {triggers}. What will you do instead "
    "this time? Text CRAVE if it bites.",
    sms_segments=2,  # quotes the person's own words (up to 100 characters) back to them
)
# What to expect, a short message at a time in the first weeks (sources: docs/withdrawal.md).
LEARN_WITHDRAWAL = N_(
    "learn.withdrawal",
    "Feeling irritable, restless or foggy? That's withdrawal, and a sign your body is getting "
    "used to no nicotine. It passes.",
)
LEARN_WITHDRAWAL_PEAK = N_(
    "learn.withdrawal_peak",
    "Withdrawal is usually worst in the first week, then eases over 2 to 4 weeks. The days are "
    "getting easier from here.",
)
LEARN_CAFFEINE = N_(
    "learn.caffeine",
    "After stopping, caffeine builds up: the same coffee can make you jittery and sleep badly, "
    "like withdrawal. Cut down to about half, gradually.",
)
LEARN_SLEEP_NIGHTS = N_(
    "learn.sleep_nights",
    "Sleep after nights can be rough for a week or so after stopping. Keep the room dark, skip "
    "coffee in the last hours of your shift.",
)
LEARN_SLEEP = N_(
    "learn.sleep",
    "Sleep can be patchy for a week or so after stopping. Cut down coffee after lunch and wind "
    "down without your phone. It settles.",
)
LEARN_SLEEP_PATCH = N_(
    "learn.sleep_patch",
    "Vivid dreams or poor sleep on a patch? Some people take it off before they sleep. A "
    "pharmacist can tell you if that suits you.",
)
LEARN_APPETITE = N_(
    "learn.appetite",
    "Hungrier than usual? That's common after stopping. Keep fruit, nuts or sugar-free gum in "
    "your bag for breaks.",
)
LEARN_COUGH = N_(
    "learn.cough",
    "A cough for a few weeks is common: your lungs are clearing. See your GP if it lasts over "
    "3 weeks, you cough up blood or feel unwell.",
)
LEARN_CONCENTRATION = N_(
    "learn.concentration",
    "Finding it hard to focus? That's withdrawal too, and it usually lifts within 2 weeks. "
    "Lists and short breaks help on shift.",
)
LEARN_MOOD = N_(
    "learn.mood",
    "Feeling low or flat can come with stopping, and usually lifts within a month. Text MOOD or "
    "ADVISOR if it's weighing on you.",
)
LEARN_MOOD_VARENICLINE = N_(
    "learn.mood_varenicline",
    "Feeling flat can come with stopping. On varenicline or cytisine, if your mood drops, stop "
    "the tablets and talk to your GP or 111. Text MOOD.",
)
LEARN_HABIT = N_(
    "learn.habit",
    "By now cravings come more from habit than nicotine: the end of a shift, a brew, a hard "
    "call. Change the routine around them.",
)
LEARN_HABIT_TRIGGERS = N_(
    "learn.habit_triggers",
    "By now cravings come more from habit than nicotine. You named yours: {triggers}. What could "
    "you change around those times?",
    sms_segments=2,  # quotes the person's own words (up to 100 characters) back to them
)
LEARN_FOUR_WEEKS = N_(
    "learn.four_weeks",
    "Most withdrawal fades by about 4 weeks. Cravings can still surprise you later, so keep "
    "your plan handy and text CRAVE.",
)
LEARN_SOCIAL = N_(
    "learn.social",
    "Going out soon? Drink and smokers nearby are a common tripwire. Decide now what you'll "
    "say if offered one, and stick close to a friend.",
)
LEARN_NOT_ONE = N_(
    "learn.not_one",
    "Weeks in, 'just one' can feel safe. It rarely stays at one. If a craving comes out of the "
    "blue, text CRAVE and ride it out.",
)
LEARN_TREAT = N_(
    "learn.treat",
    "Planned a treat with the money you're not spending? Something to look forward to helps "
    "on a long shift. You've earned it.",
)
LEARN_STRESS = N_(
    "learn.stress",
    "A hard shift can bring a sudden craving, even months on. It passes in minutes. Breathe "
    "slowly, have some water, text CRAVE.",
)
CHECK_IN_SMOKED = N_(
    "journey.check_in_smoked",
    "Day {day} check-in: have you smoked since we last spoke, even a puff? Reply NO, YES or how "
    "many",
    choices=NO_YES,
)
CHECK_IN_SMOKED_AGAIN = N_(
    "journey.check_in_smoked_again",
    "Quick check-in for day {day}. Any smoking since last time? Reply NO, YES or a number",
    choices=NO_YES,
)
CHECK_IN_SMOKED_PUFF = N_(
    "journey.check_in_smoked_puff",
    "Day {day}. Not even a puff since we last spoke? Reply NO if so, or YES or how many if you "
    "smoked",
    choices=NO_YES,
)
CHECK_IN_SMOKED_HONEST = N_(
    "journey.check_in_smoked_honest",
    "Checking in on day {day}. Have you smoked at all since last time? An honest answer helps "
    "me help you. Reply NO, YES or a number",
    choices=NO_YES,
)
CHECK_IN_SMOKED_HOW = N_(
    "journey.check_in_smoked_how",
    "Day {day}: how did it go? Any cigarettes since we last spoke? Reply NO, YES or how many",
    choices=NO_YES,
)
CHECK_IN_HOW_MANY = N_(
    "journey.check_in_how_many", "Thanks for being honest. About how many? Reply with a number"
)
CHECK_IN_CRAVING = N_(
    "journey.check_in_craving",
    "How strong were your cravings today, from 0 (none) to 5 (very strong)?",
    choices=scale(0, 5),
)
CHECK_IN_CRAVING_URGES = N_(
    "journey.check_in_craving_urges",
    "How bad were the urges to smoke today? 0 (none) to 5 (very strong)",
    choices=scale(0, 5),
)
CHECK_IN_CRAVING_SHIFT = N_(
    "journey.check_in_craving_shift",
    "Cravings since we last spoke: from 0 (none) to 5 (very strong), how strong were they?",
    choices=scale(0, 5),
)
CHECK_IN_CRAVING_SCORE = N_(
    "journey.check_in_craving_score",
    "Give your cravings today a score: 0 (none) to 5 (very strong)",
    choices=scale(0, 5),
)
CHECK_IN_CRAVING_PULL = N_(
    "journey.check_in_craving_pull",
    "How much did cigarettes pull at you today? Reply 0 (none) to 5 (very strong)",
    choices=scale(0, 5),
)
CHECK_IN_MOOD = N_(
    "journey.check_in_mood",
    "And your mood today, from 1 (very low) to 5 (very good)?",
    choices=scale(1, 5),
)
CHECK_IN_MOOD_FEELING = N_(
    "journey.check_in_mood_feeling",
    "How are you feeling in yourself? 1 (very low) to 5 (very good)",
    choices=scale(1, 5),
)
CHECK_IN_MOOD_SPIRITS = N_(
    "journey.check_in_mood_spirits",
    "Last one: how are your spirits today, from 1 (very low) to 5 (very good)?",
    choices=scale(1, 5),
)
CHECK_IN_MOOD_OVERALL = N_(
    "journey.check_in_mood_overall",
    "And overall, how's your mood? Reply 1 (very low) to 5 (very good)",
    choices=scale(1, 5),
)
CHECK_IN_MOOD_HOLDING = N_(
    "journey.check_in_mood_holding",
    "How are you holding up? Your mood from 1 (very low) to 5 (very good)",
    choices=scale(1, 5),
)
PROGRESS = N_(
    "journey.progress",
    "Thanks. Smoke-free days so far: {days}. Money not spent on cigarettes: about {money}. "
    "Keep going!",
)
PROGRESS_DAYS_MONEY = N_(
    "journey.progress_days_money",
    "Smoke-free days: {days}. Still in your pocket: about {money}. Nice work.",
)
PROGRESS_EACH_DAY = N_(
    "journey.progress_each_day",
    "Thanks for checking in. Smoke-free days: {days}, and about {money} not spent. Each day makes "
    "the next one easier.",
)
PROGRESS_ADDING_UP = N_(
    "journey.progress_adding_up",
    "It's adding up. Smoke-free days: {days}. Saved: about {money}. Text CRAVE if a hard moment "
    "comes.",
)
PROGRESS_STEADY = N_(
    "journey.progress_steady",
    "Got it, thanks. Your smoke-free days so far: {days}, with about {money} not spent on "
    "cigarettes. Steady does it.",
)
# The same, when no cigarettes-a-day figure gives the money: never "about 0.00".
PROGRESS_NO_MONEY = N_(
    "journey.progress_no_money",
    "Thanks. Smoke-free days so far: {days}. Keep going!",
)
PROGRESS_NO_MONEY_EACH_DAY = N_(
    "journey.progress_no_money_each_day",
    "Thanks for checking in. Smoke-free days: {days}. Each one makes the next easier.",
)
PROGRESS_NO_MONEY_ADDING_UP = N_(
    "journey.progress_no_money_adding_up",
    "Smoke-free days so far: {days}. It's adding up: text CRAVE if a hard moment comes.",
)
PROGRESS_NO_MONEY_STEADY = N_(
    "journey.progress_no_money_steady",
    "Got it, thanks. Your smoke-free days so far: {days}. Steady does it.",
)
PROGRESS_NO_MONEY_NICE = N_(
    "journey.progress_no_money_nice",
    "Nice work. Smoke-free days since your quit date: {days}. I'm here if a hard moment comes.",
)
# Milestones, in place of the progress line (not a puff since the quit date); four weeks in
# place of the thanks for a 4-week quit. Without a cigarettes-a-day figure, MILESTONE_DAYS.
MILESTONE_FIRST_DAY = N_(
    "journey.milestone_first_day",
    "Your first full day smoke-free is done, and about {money} not spent on cigarettes. The first "
    "day is often the hardest. Well done!",
)
MILESTONE_ONE_WEEK = N_(
    "journey.milestone_one_week",
    "One week smoke-free! That's {days} days and about {money} not spent on cigarettes. "
    "Cravings often get easier from here.",
)
MILESTONE_TWO_WEEKS = N_(
    "journey.milestone_two_weeks",
    "Two weeks smoke-free: {days} days and about {money} not spent. Food may taste and smell "
    "better by now. Keep going!",
)
MILESTONE_FOUR_WEEKS = N_(
    "journey.milestone_four_weeks",
    "Four weeks! {days} smoke-free days and about {money} not spent. Stop for 28 days and you're "
    "5 times more likely to stop for good.",
)
MILESTONE_DAYS = N_(
    "journey.milestone_days",
    "{days} smoke-free days since your quit date, without a puff. That's a real milestone: be "
    "proud of it. Keep going!",
)
SLIPPED = N_(
    "journey.slipped",
    "A slip isn't the end. Smoke-free days so far: {days}. What set it off? Plan for that "
    "next time.",
)
LOW_MOOD = N_(
    "journey.low_mood",
    "Sorry you're feeling low. Stopping can do that for a while. I've asked someone from the "
    "team to check in with you.",
)
LOW_MOOD_VARENICLINE = N_(
    "journey.low_mood_varenicline",
    "Low mood can be a side effect of varenicline or cytisine. Please stop taking it and talk "
    "to your GP or call 111 today.",
)
LOW_MOOD_VARENICLINE_ASK = N_(
    "journey.low_mood_varenicline_ask",
    "Has your mood changed since you started varenicline or cytisine? If so, stop taking it "
    "and talk to your GP or call 111 today.",
)
QUITTING_IDLE = N_(
    "journey.idle",
    "I'm here for you. Text CRAVE when a craving hits, ADVISOR to talk to a person, or HELP "
    "for more.",
)
CRAVE_BREATHE = N_(
    "journey.crave_breathe",
    "Cravings pass in a few minutes. Breathe in slowly for 4, out for 6, five times. Sip cold "
    "water. You've got this.",
)
CRAVE_DELAY = N_(
    "journey.crave_delay",
    "Tell yourself 'not for 5 minutes', then do something else. Move to another room or step "
    "away from smokers.",
)
CRAVE_HANDS = N_(
    "journey.crave_hands",
    "Keep hands and mouth busy: gum, a mint, a drink with a straw. If you have fast NRT like "
    "gum or spray, use it now.",
)
CRAVE_TALK = N_(
    "journey.crave_talk",
    "Text or call someone for a few minutes. A craving is strongest at the start and fades if "
    "you ride it out.",
)
CRAVE_REASONS = N_(
    "journey.crave_reasons",
    "Think of your reasons to stop. Every craving you get through makes the next one weaker.",
)
CRAVE_ON_SHIFT_AWAY = N_(
    "journey.crave_on_shift_away",
    "On shift? Take your break away from the smoking spot today. Sip a cold drink and give it "
    "5 minutes: it will pass.",
)
CRAVE_ON_SHIFT_BUSY = N_(
    "journey.crave_on_shift_busy",
    "Busy shift? Chew gum or use fast NRT if you have it, and ask a colleague to keep you "
    "company on your break.",
)
# Craving tips (flows/cravings.py says where each one suits). One GSM-7 segment each; the ones
# for the way home ask nothing of the hands or the phone.
CRAVE_URGE_SURF = N_(
    "journey.crave_urge_surf",
    "Ride it like a wave: notice where you feel the craving, breathe, and watch it rise, peak "
    "and fall. You don't have to act on it.",
)
CRAVE_SLOW_BREATH = N_(
    "journey.crave_slow_breath",
    "Breathe out slowly, as if through a straw, for a count of 6. Do it five times. Slow "
    "breathing calms your body, and the craving with it.",
)
CRAVE_NOT_ONE = N_(
    "journey.crave_not_one",
    "'Just one' is never just one: a single puff wakes the craving up again. Saying no now "
    "makes the next one easier.",
)
CRAVE_MONEY = N_(
    "journey.crave_money",
    "Think what the money you're not spending on cigarettes will buy. Pick a treat for the end "
    "of the week and keep it in mind.",
)
CRAVE_WEAKER = N_(
    "journey.crave_weaker",
    "Cravings come less often and get weaker as the weeks go by. This one will peak and pass "
    "in a few minutes. Hold on.",
)
CRAVE_SAY_IT = N_(
    "journey.crave_say_it",
    "Say it out loud or in your head: 'I don't smoke now.' Saying it as a fact, not a wish, "
    "helps many people.",
)
CRAVE_PICTURE = N_(
    "journey.crave_picture",
    "Picture yourself an hour from now, glad you didn't smoke. That feeling is worth the next "
    "few minutes.",
)
CRAVE_COUNT = N_(
    "journey.crave_count",
    "Count down slowly from 100 in threes. By the time you lose track, the craving has usually "
    "eased off.",
)
CRAVE_ROAD = N_(
    "journey.crave_road",
    "Driving home? Keep your eyes on the road and breathe out slowly. The craving will pass. "
    "Reply once you're parked, not before.",
)
CRAVE_SING = N_(
    "journey.crave_sing",
    "On the way home? Sing along to the radio, loud. It keeps your mouth and mind busy until "
    "the craving fades.",
)
CRAVE_ROUTE = N_(
    "journey.crave_route",
    "Do you pass the shop where you buy cigarettes on your way home? Go a different way for a "
    "few weeks, so you don't have to say no.",
)
CRAVE_NEARLY_HOME = N_(
    "journey.crave_nearly_home",
    "Nearly home? Plan the first things you'll do when you get in: a shower, food, bed. Go "
    "through them step by step in your head.",
)
CRAVE_TIRED = N_(
    "journey.crave_tired",
    "Tired after your shift? Tiredness makes a craving feel bigger than it is. If you're too "
    "tired to drive safely, stop somewhere safe and rest.",
)
CRAVE_NEXT_TASK = N_(
    "journey.crave_next_task",
    "Busy shift? Get on with the next task. A craving only lasts a few minutes, and it may be "
    "gone before you finish.",
)
CRAVE_HARD_MOMENT = N_(
    "journey.crave_hard_moment",
    "Hard moment at work? A cigarette only eases the craving that smoking made. Step away for a "
    "minute if you can, and breathe out slowly.",
)
CRAVE_SHIFT_WATER = N_(
    "journey.crave_shift_water",
    "On shift? Fill a cup with cold water and drink it slowly. It gives your hands and mouth "
    "something to do while the craving passes.",
)
CRAVE_BREAK_ELSEWHERE = N_(
    "journey.crave_break_elsewhere",
    "Colleagues going out for a smoke? Spend this break somewhere else: the canteen, a walk "
    "round the building, a quiet room.",
)
CRAVE_TELL_TEAM = N_(
    "journey.crave_tell_team",
    "Tell the colleagues who smoke that you've stopped. Most will back you, and they'll stop "
    "offering you one.",
)
CRAVE_BREAK_BUDDY = N_(
    "journey.crave_break_buddy",
    "Find a non-smoker to take your breaks with this week. Company helps fill the gap where a "
    "cigarette used to be.",
)
CRAVE_SAY_NO = N_(
    "journey.crave_say_no",
    "Offered one? Have a line ready: 'No thanks, I've stopped.' Say it, then change the "
    "subject. You don't owe anyone more than that.",
)
CRAVE_SNACK = N_(
    "journey.crave_snack",
    "Have a drink and a snack instead, away from where people smoke. Hunger and thirst can feel "
    "a lot like a craving.",
)
CRAVE_MINT = N_(
    "journey.crave_mint",
    "Brush your teeth or have a strong mint. A fresh taste in your mouth makes a cigarette less "
    "tempting.",
)
CRAVE_CAFFEINE = N_(
    "journey.crave_caffeine",
    "Had a lot of coffee? After stopping, caffeine stays in your body longer and can make you "
    "jittery, a bit like withdrawal. Have water this time.",
)
CRAVE_NRT_FAST = N_(
    "journey.crave_nrt_fast",
    "Use your fast-acting NRT now (gum, lozenge, spray or inhalator), the way your pharmacist "
    "showed you. It works best early in a craving.",
)
CRAVE_NRT_GUM = N_(
    "journey.crave_nrt_gum",
    "Nicotine gum works best chewed slowly until the taste is strong, then parked between cheek "
    "and gum. Chew again when the taste fades.",
)
CRAVE_NRT_PATCH = N_(
    "journey.crave_nrt_patch",
    "On a patch? A patch with a fast form works better than either alone. Use your gum, spray "
    "or lozenge now if you have one.",
)
CRAVE_VAPE = N_(
    "journey.crave_vape",
    "Use your vape now rather than holding out, where you're allowed to. Vaping is far less "
    "harmful than smoking.",
)
CRAVE_GET_OUTSIDE = N_(
    "journey.crave_get_outside",
    "Got 10 minutes? Get outside, round the block or to the park. Moving and fresh air help a "
    "craving pass.",
)
CRAVE_HOME_SPOT = N_(
    "journey.crave_home_spot",
    "At home? Keep away from the spot where you used to smoke, like the back door. Sit "
    "somewhere different for a while.",
)
CRAVE_HOME_HANDS = N_(
    "journey.crave_home_hands",
    "Give your hands a job: wash up, tidy a cupboard, water the plants or do a puzzle. Busy "
    "hands help a craving pass.",
)
CRAVE_BORED = N_(
    "journey.crave_bored",
    "Bored? Boredom brings on cravings, on days off most of all. Pick one thing to do today and "
    "start it now.",
)
CRAVE_ALCOHOL = N_(
    "journey.crave_alcohol",
    "Going for a drink? Alcohol is a big trigger early on. Have soft drinks in between, and keep "
    "away from the smokers outside.",
)

SLIP_ASK = N_(
    "journey.slip_ask",
    "Thanks for telling me. Was it a one-off slip, or are you back to smoking most days? "
    "Reply 1 One-off, 2 Smoking again",
    choices=SLIP_CHOICES,
)
SLIP_ONE_OFF = N_(
    "journey.slip_one_off",
    "A slip is not a failure. Go straight back to not a puff. What set it off? Text CRAVE "
    "next time it hits.",
)
SLIP_RELAPSE = N_(
    "journey.slip_relapse",
    "That happens, and many people need a few tries. When you're ready, text DATE for a new "
    "quit date, or ADVISOR to talk.",
)
SLIP_BEFORE_QUIT_DAY = N_(
    "journey.slip_before_quit_day",
    "No problem, your quit day hasn't started yet. Text DATE if you'd like a different quit date.",
)
RELAPSED_IDLE = N_(
    "journey.relapsed_idle",
    "Whenever you're ready to try again, text DATE to pick a new quit date. Text ADVISOR to "
    "talk to a person.",
)
ASK_NEW_DATE = N_(
    "journey.ask_new_date",
    "OK, a fresh start. Pick a new quit date in the next 2 weeks, e.g. Monday, 3 Dec or in 5 days",
)
MOOD_SUPPORT = N_(
    "journey.mood_support",
    "Feeling low or stressed is common in the first weeks and usually lifts. A walk or a chat "
    "can help. Text ADVISOR to talk.",
)
# --- Free text (flows/intent.py): what people say in their own words ------------------------
SNOOZED = N_(
    "journey.snoozed",
    "No problem. I'll ask again in a few hours, at a time that suits your shifts.",
)
SNOOZE_NOTHING_WAITING = N_(
    "journey.snooze_nothing_waiting",
    "No rush. I'm here whenever you need me. Text CRAVE if a craving hits.",
)
THANKS_REPLY = N_(
    "journey.thanks",
    "You're welcome. I'm here any time: text CRAVE if a craving hits.",
)
THANKS_REPLY_AGAIN = N_(
    "journey.thanks_again",
    "Any time. Every day without smoking counts. Keep going!",
)
THANKS_REPLY_THIRD = N_(
    "journey.thanks_third",
    "Glad to help. Text me whenever you need me.",
)
# Short, safe answers about stop smoking aids, in NHS and NCSCT wording; never a dose.
# Sources: nhs.uk "Stop smoking treatments" and Better Health "Quit smoking" (NRT, vaping),
# NCSCT briefings on varenicline and cytisine, Help Me Quit (Wales).
ANSWER_NRT = N_(
    "journey.answer_nrt",
    "NRT is much safer than smoking and works best as a patch plus a fast one like gum or "
    "spray. Your stop smoking service can give it free.",
)
ANSWER_VAPE = N_(
    "journey.answer_vape",
    "Vaping is far less harmful than smoking and helps many people stop, best with support. "
    "Your stop smoking service can help you choose.",
)
ANSWER_VARENICLINE = N_(
    "journey.answer_varenicline",
    "Varenicline and cytisine are tablets that ease cravings, on prescription from a GP, "
    "pharmacist or stop smoking service. Not for use in pregnancy.",
)
AID_ADVICE_OFFER = N_(
    "journey.aid_advice_offer",
    "A pharmacist can say what suits you and how to use it. Or text ADVISOR to talk it "
    "through with a person.",
)
PROGRESS_ASKED = N_(
    "journey.progress_asked",
    "So far: {days} smoke-free days, and about {money} not spent on cigarettes. That's real "
    "progress.",
)
PROGRESS_ASKED_NO_MONEY = N_(
    "journey.progress_asked_no_money",
    "Smoke-free days since your quit date: {days}. Every one of them counts.",
)
PROGRESS_BEFORE_QUIT_DAY = N_(
    "journey.progress_before_quit_day",
    "Your quit date is {date}. From then I'll count your smoke-free days and the money you "
    "don't spend.",
)
HOW_MANY_REASK = N_(
    "journey.how_many_reask",
    "Roughly how many? A guess is fine, e.g. 3. Or reply SKIP",
)
SCALE_REASK_RANGE = N_(
    "journey.scale_reask_range",
    "Please reply with one number from {low} to {high}, e.g. {example}",
)
PAUSED = N_(
    "journey.paused",
    "OK, I've paused my messages. Text RESUME when you want them again. CRAVE and ADVISOR "
    "still work.",
)
RESUMED = N_("journey.resumed", "Welcome back. Your messages will start again.")
LESS_MESSAGES = N_(
    "journey.less", "OK, I'll send fewer messages. Text MORE any time to change that."
)
MORE_MESSAGES = N_(
    "journey.more", "OK, I'll send a few more messages. Text LESS any time to change that."
)
PREGNANCY = N_(
    "any.pregnancy",
    "Stopping is one of the best things you can do for you and your baby. Your midwife can "
    "refer you to the maternity stop smoking service.",
)
PREGNANCY_FOLLOW_UP = N_(
    "any.pregnancy_follow_up",
    "I've also asked an advisor to contact you, as extra support is there for you.",
)

# --- Follow-ups and discharge ----------------------------------------------------------------
FOLLOW_UP_4W_ASK = N_(
    "follow_up.4_week.ask",
    "It's 4 weeks since your quit date. Have you smoked at all, even a puff, since {date}? "
    "Reply NO or YES",
    choices=NO_YES,
)
FOLLOW_UP_4W_AGAIN = N_(
    "follow_up.4_week.again",
    "Sorry to ask again: have you smoked at all, even a puff, since {date}? Reply NO or YES. "
    "It helps us help others.",
    choices=NO_YES,
)
FOLLOW_UP_12W_ASK = N_(
    "follow_up.12_week.ask",
    "It's 12 weeks since your quit date. Have you smoked at all, even a puff, since {date}? "
    "Reply NO or YES",
    choices=NO_YES,
)
FOLLOW_UP_12W_AGAIN = N_(
    "follow_up.12_week.again",
    "One more try: have you smoked at all, even a puff, since {date}? Reply NO or YES. Your "
    "answer helps others.",
    choices=NO_YES,
)
FOLLOW_UP_QUIT = N_(
    "follow_up.quit",
    "Brilliant, that's a real achievement! I'm still here when you need me. Text CRAVE any time.",
)
FOLLOW_UP_NOT_QUIT = N_(
    "follow_up.not_quit",
    "Thanks for being honest. Every try teaches you something. Text DATE for a new quit date "
    "or ADVISOR to talk.",
)
FOLLOW_UP_THANKS = N_("follow_up.thanks", "Thanks for letting me know.")
SURVEY_INTRO = N_(
    "survey.intro",
    "Your time with quitbot is ending. Well done for taking part! 4 quick questions help us "
    "improve. Reply SKIP to any.",
)
SURVEY_EASE = N_(
    "survey.ease",
    "How easy was quitbot to use, from 1 (hard) to 5 (very easy)?",
    choices=scale(1, 5),
)
SURVEY_HELPFUL = N_(
    "survey.helpful",
    "How much did it help you stop, from 1 (not at all) to 5 (a lot)?",
    choices=scale(1, 5),
)
SURVEY_RECOMMEND = N_(
    "survey.recommend",
    "Would you recommend quitbot to a colleague? Reply YES or NO",
    choices=YES_NO,
)
SURVEY_IMPROVE = N_("survey.improve", "What one thing would make quitbot better?")
SURVEY_DONE = N_(
    "survey.done",
    "Thank you. That's the end of your programme. Text DATE any time to start again, or "
    "ADVISOR to talk to a person.",
)
DISCHARGED_IDLE = N_(
    "survey.discharged_idle",
    "Welcome back! Want another go? Text DATE to pick a new quit date, or ADVISOR to talk to "
    "a person.",
)

NEXT_PLANNED = N_(
    "any.next_planned",
    "My next message is planned for {date} at about {time}. Text LESS or MORE, SHIFT, QUIET "
    "or PAUSE to change it.",
)
NOTHING_PLANNED = N_(
    "any.nothing_planned",
    "Nothing is planned from me right now. Text RESUME if you paused me, DATE for a new quit "
    "date, or HELP.",
)

# --- Any time -------------------------------------------------------------------------------
HELP = N_(
    "any.help",
    "CRAVE: craving help. SLIP: you smoked. MOOD: feeling low. DATE: new quit date. NEXT: "
    "my next message. SHIFT, QUIET hours. PAUSE, RESUME. LESS, MORE. ADVISOR: a person. "
    "FINISH: end early. LINK: another phone or app. STOP, START. CYMRAEG",
    sms_segments=2,  # every keyword, in one reply (people asked for HELP want all of them)
)
NOT_UNDERSTOOD = N_(
    "any.not_understood",
    "Sorry, I'm not getting this. I've asked a person from the team to look at our chat. Or "
    "try again:",
)
NOT_UNDERSTOOD_AGAIN = N_(
    "any.not_understood_again",
    "Sorry, I'm not getting this. A person from the team already has your request. Or try again:",
)
TEXT_ONLY = N_("any.text_only", "Sorry, I can only read words, not pictures or files.")
ADVISOR_REQUESTED = N_(
    "any.advisor_requested",
    "Thanks. I've asked an advisor to contact you. You can keep texting me in the meantime.",
)
# What happens next, honestly: the provider's team is working now, or when it will be.
PERSON_SOON = N_(
    "any.person_soon",
    "I've asked a person from the team to contact you. They're working now and usually reply "
    "within an hour. You can keep texting me.",
)
PERSON_LATER = N_(
    "any.person_later",
    "A person from the team will contact you from {date}, {time}. Need help now? Call NHS 111 "
    "(option 2), Samaritans 116 123, or 999 in an emergency.",
)
HANDED_BACK = N_(
    "any.handed_back",
    "You're back with quitbot. Thanks for talking with the team. Text ADVISOR any time to talk "
    "to a person again.",
)
# Handed back when the person was told a person had joined but no advisor wrote to them.
HANDED_BACK_UNANSWERED = N_(
    "any.handed_back_unanswered",
    "Sorry, nobody from the team could reply this time. You're back with quitbot: text ADVISOR "
    "to ask for a person again.",
)
ADVISOR_JOINED = N_(
    "any.advisor_joined",
    "A person from the team is here now and will reply shortly.",
)
# The web chat's label for a message an advisor wrote (not the bot).
ADVISOR_LABEL = N_("web.advisor_label", "A person from the team")
ADVISOR_ALREADY_REQUESTED = N_(
    "any.advisor_already_requested",
    "An advisor already has your request and will be in touch. You can keep texting me.",
)
STOPPED = N_(
    "any.stopped",
    "You won't get any more messages from quitbot. Text START to come back. Other help to "
    "stop: {service}",
)
STOPPED_REMINDER = N_(
    "any.stopped_reminder",
    "Messages from quitbot are stopped, so no check-ins or tips will come. Text START to come "
    "back.",
)
STARTED_AGAIN = N_("any.started_again", "Welcome back to quitbot.")
LANGUAGE_SET = N_("any.language_set", "OK, English from now on. Text CYMRAEG for Welsh.")

# --- LINK: one person on more than one channel (bot/linking.py) --------------------------------
LINK_CODE = N_(
    "link.code",
    "Your LINK code is {code}. Send it to me from the other phone or app within {minutes} "
    "minutes to join it to this chat. Don't share it.",
)
LINK_HOW = N_(
    "link.how",
    "To join this chat to the one you already use, text LINK there and send me the code you "
    "get, here. To start fresh instead, say hi.",
)
LINK_WRONG = N_(
    "link.wrong",
    "That code isn't right. Check it, or text LINK in the chat you already use for a new "
    "one. To start fresh here instead, say hi.",
)
LINK_EXPIRED = N_(
    "link.expired",
    "That code has run out (codes last {minutes} minutes). Text LINK in the chat you "
    "already use for a new one.",
)
LINK_USED = N_(
    "link.used",
    "That code has been used already. Text LINK in the chat you already use for a new one.",
)
LINK_LOCKED = N_(
    "link.locked",
    "Too many wrong codes from here, so I can't take another for now. Please try again in "
    "an hour.",
)
LINK_JOINED_HERE = N_(
    "link.joined_here",
    "Done: this chat is joined to your quitbot. I'll reply wherever you last wrote to me. "
    "Text HELP to see what I can do.",
)
LINK_JOINED_THERE = N_(
    "link.joined_there",
    "You're now on {channel} too: I'll reply wherever you last wrote to me. Not you? Text "
    "ADVISOR.",
)
LINK_ALREADY = N_(
    "link.already",
    "This chat is already joined to you. Send the code from the other phone or app instead.",
)
LINK_REGISTERED = N_(
    "link.registered",
    "This chat already has its own quitbot record, so I can't join it to another. Text "
    "ADVISOR and a person from the team can help.",
)
# A channel's name, as {channel} in LINK_JOINED_THERE.
CHANNEL_SMS = N_("channel.sms", "text messages (SMS)")
CHANNEL_TELEGRAM = N_("channel.telegram", "Telegram")
CHANNEL_WEB = N_("channel.web", "the web chat")
CHANNEL_LOCAL = N_("channel.local", "the terminal chat")
CRISIS = N_(
    "any.crisis",
    "Please get help now. In an emergency call 999. Call NHS 111 and choose option 2, "
    "Samaritans 116 123, or text SHOUT to 85258.",
)
CRISIS_ACT = N_(
    "any.crisis_act",
    "If you have taken something or hurt yourself, call 999 now or go to A&E, even if you "
    "feel OK.",
)
CRISIS_FOLLOW_UP = N_(
    "any.crisis_follow_up",
    "I've asked a person from the team to contact you as soon as they can. You are not alone.",
)
# While an advisor holds the thread, the closing lines say they have been alerted instead.
CRISIS_FOLLOW_UP_HELD = N_(
    "any.crisis_follow_up_held",
    "I've alerted the person from the team who is talking with you. You are not alone.",
)

# --- Safety replies (see flows/safety.py and docs/hazard-log.md) -----------------------------
# Numbers first, calm, no questionnaire. Each number is checked against its published source
# in docs/hazard-log.md. Worded so that they are safe if someone else reads the phone.
SAFETY_NET = N_(
    "any.safety_net",
    "If you ever feel unsafe, call 999, or Samaritans free on 116 123, day or night.",
)
SAFETY_PERSON = N_(
    "any.safety_person",
    "I've also asked someone from the team to contact you as soon as they can.",
)
SAFETY_PERSON_HELD = N_(
    "any.safety_person_held",
    "I've also alerted the person from the team who is talking with you.",
)
MEDICAL = N_(
    "any.medical",
    "This could be an emergency. Call 999 now. If it is not life-threatening, call NHS 111.",
)
MEDICAL_INGESTION = N_(
    "any.medical_ingestion",
    "Nicotine can poison a child fast. Call 999 or go to A&E now, even if they seem fine. "
    "For a pet, call a vet now.",
)
MEDICAL_INGESTION_PET = N_(
    "any.medical_ingestion_pet",
    "Nicotine can poison a pet fast. Call your vet or an emergency vet now, even if they seem "
    "fine.",
)
SAFEGUARDING = N_(
    "any.safeguarding",
    "If you're in danger now, call 999. If you can't speak, press 55 when asked. Free, "
    "private help, day or night: 0808 2000 247",
)
SAFEGUARDING_WALES = N_(
    "any.safeguarding_wales",
    "If you're in danger now, call 999. If you can't speak, press 55 when asked. Free, "
    "private help, day or night: 0808 80 10 800",
)
SAFEGUARDING_PAUSE = N_(
    "any.safeguarding_pause",
    "Reply PAUSE and I'll stop my planned messages. Someone from the team will text you "
    "before they call.",
)
SOMEONE_AT_RISK = N_(
    "any.someone_at_risk",
    "If someone is in danger now, call 999. NHS 111 (option 2) and Samaritans on 116 123 can "
    "help you support them.",
)
DISTRESS_CHECK = N_(
    "any.distress_check",
    "Thank you for telling me. Are you safe right now? Reply YES or NO. If you're in danger, "
    "call 999.",
    choices=YES_NO,
)
STILL_HERE = N_(
    "any.still_here",
    "I'm here. Someone from the team will be in touch soon. If you're in danger now, call 999.",
)
DISTRESS_ASK_AGAIN = N_(
    "any.distress_ask_again",
    "Sorry to ask again: are you safe right now? Reply YES or NO. If you're in danger, call 999.",
    choices=YES_NO,
)
DISTRESS_SAFE = N_(
    "any.distress_safe",
    "I'm glad. Someone from the team will check in with you. Samaritans are free on 116 123, "
    "day or night.",
)
# Where else to get help to stop, by nation (a {service} in DECLINED and the ineligible replies).
SERVICE_ENGLAND = N_("any.service_england", "nhs.uk/better-health/quit-smoking")
SERVICE_WALES = N_("any.service_wales", "Help Me Quit, 0800 085 2219, helpmequit.wales")

# --- The web chat page's own text (issue 12: the page follows the person's language) ----------
# Shown on the page around the conversation, never sent as an SMS; kept here so that every
# word a person sees exists in English and Welsh.
WEB_PAGE_TITLE = N_("web.page_title", "quitbot - try the chat")
WEB_PAGE_INTRO = N_(
    "web.page_intro",
    "Free NHS support to stop smoking, made for shift workers. This is a test chat.",
)
WEB_HINT = N_(
    "web.hint",
    "Say hello to start. Text HELP any time. Am Gymraeg, teipiwch CYMRAEG.",
)
WEB_YOUR_MESSAGE = N_("web.your_message", "Your message")
WEB_PLACEHOLDER = N_("web.placeholder", "Type a message")
WEB_SEND = N_("web.send", "Send")
WEB_PRIVACY_LINK = N_("web.privacy_link", "How we use your information")
WEB_FAILED = N_("web.failed", "Sorry, that did not go through. Please try again.")
# What a screen reader calls the row of buttons under a question.
WEB_QUICK_REPLIES = N_("web.quick_replies", "Quick replies")
