// Month names as notes write them: English in full and abbreviated, and te reo Māori (the
// traditional names and the transliterations). Shared by the date matchers (detect-pii.ts) and the
// normalisation that rewrites dates in words (normalise.ts).
export const MONTHS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['January', 'Jan', 'Kohitātea', 'Hānuere']],
  [2, ['February', 'Feb', 'Huitanguru', 'Pēpuere']],
  [3, ['March', 'Mar', 'Poutūterangi', 'Māehe']],
  [4, ['April', 'Apr', 'Paengawhāwhā', 'Āperira']],
  [5, ['May', 'Haratua', 'Mei']],
  [6, ['June', 'Jun', 'Pipiri', 'Hune']],
  [7, ['July', 'Jul', 'Hōngongoi', 'Hūrae']],
  [8, ['August', 'Aug', 'Hereturikōkā', 'Ākuhata']],
  [9, ['September', 'Sept', 'Sep', 'Mahuru', 'Hepetema']],
  [10, ['October', 'Oct', 'Whiringa-ā-nuku', 'Oketopa']],
  [11, ['November', 'Nov', 'Whiringa-ā-rangi', 'Noema']],
  [12, ['December', 'Dec', 'Hakihea', 'Tīhema']],
]

export const MONTH_NAMES: readonly string[] = MONTHS.flatMap(([, names]) => names)
