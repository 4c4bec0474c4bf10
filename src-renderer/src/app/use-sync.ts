import { useEffect } from 'react';
import type { Bridge } from '../bridge';
import { useStore } from '../store/store';
import { EventPacer } from './event-pacer';
import { syncUiPrefs } from './ui-prefs';

/** What the page kept per session: none of it belongs to a new main's sessions, whose ids start again at s1. */
function forgetSessions(): void {
  useStore.getState().resync([]);
}

/**
 * Keeps the store in step with main: events paced to the screen's frames, a
 * full resync whenever the link (re)opens. A link that reopens to another
 * main (the web shell was restarted) drops every session the old one had first.
 */
export function useSync(bridge: Bridge): void {
  useEffect(() => {
    let instance: string | undefined;
    const pacer = new EventPacer((batch) => useStore.getState().apply(batch));
    const offEvents = bridge.onEvents((batch) => pacer.push(batch));
    const offConnection = bridge.onConnection((state) => {
      pacer.flush();
      useStore.getState().setConnection(state);
      if (state !== 'open') return;
      void syncUiPrefs(bridge);
      void bridge.api['app.info']({}).then((result) => {
        if (!result.ok) return;
        pacer.flush();
        if (instance !== undefined && instance !== result.value.instance) forgetSessions();
        instance = result.value.instance;
        const sessions = result.value.sessions;
        useStore.getState().resync(sessions);
        // Sessions this window has no lifecycle of (a reload, a second tab): main kept it.
        for (const info of sessions) {
          if (useStore.getState().sessions[info.id]?.timeline.length) continue;
          void bridge.api['session.timeline']({ sessionId: info.id }).then((steps) => {
            if (steps.ok) useStore.getState().restoreTimeline(info.id, steps.value);
          });
        }
      });
    });
    return () => {
      pacer.flush();
      offEvents();
      offConnection();
    };
  }, [bridge]);
}
