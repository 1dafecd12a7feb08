// Package workday is the institution's working-day calendar: it says which
// days are working days and when a window of working days closes.
//
// The approval policy (Micro-credentials Policy and Procedure AC15,
// procedure B.1 iii; see design/policy.md) gives SMC reviewers "10 working
// days" and a Department Chair "5 days" to respond. The policy counts days
// in the institution's time zone, without weekends and holidays.
//
// # Deadlines
//
// A window of n working days that opens at the instant start closes at the
// end of the n-th working day after the day containing start. The day of
// start never counts, whatever the hour: a proposal assigned at 08:00 or at
// 23:59 on a Monday gets the same deadline. The end of a day is local
// midnight in the institution's time zone (00:00 of the next calendar day),
// so a deadline is always a local midnight, whatever zone the start instant
// carries. Deadlines are returned as time.Time in the calendar's location;
// compare them as instants. A 23- or 25-hour day (a DST change) shifts the
// deadline instant's UTC offset, never its local date or hour.
//
// Worked example, America/Toronto, Ontario holidays: a review assigned on
// Friday 6 March 2026 at 18:00 with n = 1 skips Saturday and Sunday (the
// clocks spring forward on Sunday), counts Monday 9 March, and closes at
// 00:00 EDT on Tuesday 10 March 2026, which is 04:00 UTC.
//
// The policy gives the Department Chair "5 days", not "5 working days";
// CalendarDayDeadline counts every day, with the same end-of-day rule, for
// an institution that reads it that way.
//
// An item is overdue from its deadline instant on (Overdue): the window is
// [start, deadline). WorkingDaysBetween counts the working days wholly
// inside an interval, and undoes Deadline. n must be 1 to MaxWorkingDays; a
// window of zero days has no meaning in the policy, so it is an error rather
// than a guess.
//
// # Holidays
//
// Saturdays and Sundays are never working days. Holidays come from the
// institution, as a plain text list (ParseHolidays) in which it also lists
// its winter closure and any other day it closes. DefaultHolidays gives
// generated lists for Ontario and British Columbia to start from. Holiday
// lists cover a finite range of years: keep the institution's list ahead of
// the deadlines being computed, since a year it does not cover has weekends
// only.
//
// Every computation is bounded: windows are at most MaxWorkingDays long,
// lists at most MaxHolidays holidays, and a deadline is found by binary
// search over a range that a finite holiday list cannot overrun.
package workday
