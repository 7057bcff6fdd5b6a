"""The EHC deadlines calculator's dates as an iCalendar file (.ics) a family adds to their
phone's or computer's calendar: a link, no JavaScript. One all-day event per dated deadline,
with what it means and its source; the Tribunal's 5pm ones say so."""

import datetime
import hashlib

from icalendar import Calendar, Event


def deadlines_calendar(deadlines, page_url, today):
    calendar = Calendar()
    calendar.add("prodid", "-//Local Offer//EHC deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "EHC deadlines")
    stamp = datetime.datetime.combine(today, datetime.time(), tzinfo=datetime.UTC)
    for deadline in deadlines:
        if deadline.date is None:
            continue
        event = Event()
        summary = deadline.heading + (" (by 5pm)" if deadline.by_5pm else "")
        event.add("summary", summary)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + datetime.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("description", f"{deadline.text}\n\nSource: {deadline.source}\n\n{page_url}")
        event.add("url", page_url)
        # Stable for the same deadline and date: adding the file again updates, not doubles.
        key = f"{deadline.key}:{deadline.date.isoformat()}".encode()
        event.add("uid", hashlib.sha256(key).hexdigest()[:32] + "@ehc-deadlines")
        calendar.add_component(event)
    return calendar.to_ical()
