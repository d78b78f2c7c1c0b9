// Addresses of the surveys module (the public ones are stable: see the README).
import type { Lang } from "../domain/definition.ts";

export const publicBase = (slug: string) => `/t/${slug}/trygghetsmatning`;
export const yearUrl = (slug: string, year: number) => `${publicBase(slug)}/${year}`;
export const trendUrl = (slug: string, itemKey: string) => `${publicBase(slug)}/fraga/${itemKey}`;
export const compareUrl = (slug: string, areaSlug?: string | null) => `${publicBase(slug)}/jamforelse${areaSlug ? `/${areaSlug}` : ""}`;
export const answerUrl = (slug: string, surveyId: string, lang?: Lang) => `/t/${slug}/enkat/${surveyId}${lang ? `?lang=${lang}` : ""}`;
export const staffBase = (slug: string) => `/t/${slug}/arbete/trygghetsmatning`;
export const surveyStaffUrl = (slug: string, surveyId: string) => `${staffBase(slug)}/${surveyId}`;
export const definitionUrl = (slug: string, definitionId: string) => `${staffBase(slug)}/definitioner/${definitionId}`;
/** The anchor of one result cell on the public results page (item and area). */
export const cellAnchor = (itemKey: string, areaSlug: string | null) => `${itemKey}--${areaSlug ?? "alla"}`;
