// The sandboxed preload: exposes `window.api`, one named function per IPC channel and nothing else
// (never ipcRenderer, never a generic invoke). electron-vite bundles it into one CommonJS file, since
// a sandboxed preload can require only `electron`.
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
