/** The console's desk events from the live lists (admin/src/data/desk-events.ts): pure functions, no DOM. */
import { expect } from 'chai';
import { MAX_EVENTS, addEvent, deskEvent, markSeen, reviewsEvents, unseenCount } from '../../admin/src/data/desk-events.ts';
import type { ReviewDto } from '../../shared/protocol.ts';

const review = (id: string, kioskOnline = true): ReviewDto => ({
  id, sittingId: `s-${id}`, kioskId: `k-${id}`, kioskName: `Station ${id}`, candidateNumber: id, candidateName: `Kandidaat ${id}`, candidateSortName: `Kandidaat ${id}`,
  examTitle: 'Biologie', startedAt: '2026-06-01T08:00:00Z', endsAt: '2026-06-01T08:30:00Z', position: 'q1', questionNumber: 1,
  questionCount: 3, approvedBy: 'sup1', approvedByName: 'Sup', kioskOnline, offlineEndsAt: kioskOnline ? null : '2026-06-01T08:05:00Z', remarkCount: 0,
});

describe('desk events', () => {
  it('raises an offline event when a review’s kiosk goes offline, and drops it when the kiosk is back', () => {
    const online = [review('1'), review('2')];
    const offline = [review('1', false), review('2')];
    const events = reviewsEvents([], online, offline);
    expect(events.map((e) => [e.kind, e.reviewId, e.seen])).to.deep.equal([['offline', '1', false]]);
    // the same list again: nothing new, the same array (no render)
    expect(reviewsEvents(events, offline, offline)).to.equal(events);
    expect(reviewsEvents(events, offline, online)).to.deep.equal([]);
  });

  it('raises one for a review already offline when the console first learns of it', () => {
    expect(reviewsEvents([], [], [review('3', false)]).map((e) => e.kind)).to.deep.equal(['offline']);
  });

  it('lets an end replace the review’s offline and warning events, and keeps at most a few', () => {
    let events = addEvent([], deskEvent('offline', review('1')));
    events = addEvent(events, deskEvent('warning', review('1')));
    events = addEvent(events, deskEvent('warning', review('2')));
    events = addEvent(events, deskEvent('ended', review('1'), 'time-limit'));
    expect(events.map((e) => `${e.kind}:${e.reviewId}`)).to.deep.equal(['warning:2', 'ended:1']);
    expect(events[1]!.reason).to.equal('time-limit');
    for (let i = 0; i < 10; i++) events = addEvent(events, deskEvent('ended', review(String(10 + i))));
    expect(events).to.have.length(MAX_EVENTS);
  });

  it('counts the unseen events until the desk has seen them', () => {
    const events = addEvent(addEvent([], deskEvent('warning', review('1'))), deskEvent('ended', review('2')));
    expect(unseenCount(events)).to.equal(2);
    const seen = markSeen(events);
    expect(unseenCount(seen)).to.equal(0);
    expect(markSeen(seen)).to.equal(seen);
    expect(unseenCount(addEvent(seen, deskEvent('offline', review('3', false))))).to.equal(1);
  });
});
