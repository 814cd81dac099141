import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleSettings } from './api';

export const SettingsContext = createContext<ConsoleSettings>({ devSignIn: false, tileUrl: null, oidc: null });

/** What the console server told the page: whether development sign-in is on, which identity provider signs in, which tiles the map draws. */
export const useSettings = () => useContext(SettingsContext);
