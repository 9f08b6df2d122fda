// te reo Māori names of the 16 regions as used by councils and agencies, keyed by Stats NZ code.
export const REGION_NAMES_MI: Record<string, string> = {
  '01': 'Te Tai Tokerau',
  '02': 'Tāmaki Makaurau',
  '03': 'Waikato',
  '04': 'Te Moana-a-Toi',
  '05': 'Te Tairāwhiti',
  '06': 'Te Matau-a-Māui',
  '07': 'Taranaki',
  '08': 'Manawatū-Whanganui',
  '09': 'Te Upoko o te Ika',
  '12': 'Te Tai Poutini',
  '13': 'Waitaha',
  '14': 'Ōtākou',
  '15': 'Murihiku',
  '16': 'Te Tai o Aorere',
  '17': 'Whakatū',
  '18': 'Te Tauihu-o-te-waka',
}
