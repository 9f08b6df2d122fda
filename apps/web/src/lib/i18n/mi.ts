// te reo Māori: only the words NZ government agencies use for their own names and navigation.
// English stays the working language; a key missing here simply shows in English. Add a word
// only when a fluent speaker or the agency's own usage confirms it.
import type { MessageKey } from './en'

export const mi = {
  'nav.home': 'Kāinga',
  'nav.directory': 'Rārangi ratonga',
  'nav.referrals': 'Tukunga',
  'nav.signIn': 'Takiuru',
  'nav.signOut': 'Takiputa',
  'footer.contact': 'Whakapā mai',
  'agency.msd': 'Te Manatū Whakahiato Ora',
  'agency.ot': 'Oranga Tamariki',
  'greeting': 'Kia ora',
  'home.title': 'Kāinga',
  'signIn.title': 'Takiuru',
  'signOut.title': 'Takiputa',
  'directory.title': 'Rārangi ratonga',
  'referrals.title': 'Tukunga',
  'nav.notifications': 'Ngā pānui',
  'notifications.title': 'Ngā pānui',
  'consent.heading': 'Whakaaetanga',
  'provider.servicesHeading': 'Ngā ratonga',
  'search.submit': 'Rapu',
  'search.facet.region': 'Rohe',
  'search.map': 'Mahere',
  'report.title': 'Pūrongo ā-wiki',
  'nav.weeklyReport': 'Pūrongo ā-wiki',
  'fund.title': 'Pūtea',
  'nav.fund': 'Pūtea',
  'nav.carePartners': 'Ngā hoa rangapū',
  'nav.cases': 'Ngā take',
  'coverage.mapHeading': 'Mahere ā-rohe',
  'coverage.gapsHeading': 'Ngā āputa',
  'coverage.trendHeading': 'Ngā tukunga i te roanga o te wā',
  'coverage.downloads': 'Tikiake',
} as const satisfies Partial<Record<MessageKey, string>>

export type MiKey = keyof typeof mi
