// Word lists for the name guess in screen.ts. Common first names in Sweden (the most frequent
// given names of women and men in the population, as the public name statistics show them, and
// names common among newer Swedes), written from general knowledge — a guess list, not a register.
// Lower case; hyphenated names are checked part by part ("per-olof").
const WOMEN = `anna eva maria karin sara kristina lena emma kerstin marie ingrid elin malin linnea jenny
birgitta hanna inger annika linda susanne monica johanna elisabeth carina sofia ulla helena camilla
julia ida amanda emelie ebba alice wilma ella maja elsa agnes astrid alva saga olivia vera selma
stella klara freja ellen matilda moa nora tilda felicia frida lisa therese josefin jessica caroline
madeleine sandra cecilia åsa ann anneli britt gunilla margareta agneta marianne yvonne ewa gun siv
inga lina sanna tove tina petra pia lotta louise rebecka mikaela nathalie isabelle isabella emilia
nellie ronja lova leia tyra elvira signe ines majken lilly alma meja novalie iris edith ester svea
märta greta karolina jenny charlotte victoria viktoria fatima amina aisha mariam sara layla leila
zeynep hiba noor nour yasmin jasmin ayan hodan fadumo samira rania dina lana`;
const MEN = `lars mikael anders johan erik per karl peter jan thomas daniel fredrik hans andreas stefan
mats magnus mattias bengt sven nils jonas marcus niklas björn ulf henrik gustav patrik martin christer
robert jörgen göran leif håkan kent roger tommy tomas bo olof gunnar lennart kjell rolf alexander
emil oscar oskar william lucas lukas liam hugo elias noah adam isak axel vincent theo ludvig olle
viktor victor filip arvid leo alfred sixten melvin frans harry elton ebbe otto loke valter walter
kevin simon sebastian jacob jakob david linus rasmus joakim tobias dennis jimmy johnny ola kalle
pelle janne stig rune sten arne kurt ingvar ove åke lasse hasse conny benny ronny mohammed mohamed
muhammad ahmed ahmad ali hassan hussein omar yusuf youssef ibrahim abdi abdullahi mustafa karim
amir reza mehdi hamid said samir khalid tariq zakaria mahmoud ismail`;

export const FIRST_NAMES: ReadonlySet<string> = new Set(`${WOMEN} ${MEN}`.split(/\s+/).filter(Boolean));

/**
 * First names that are also ordinary Swedish words (or common in place names): alone they are not
 * flagged; before a capitalised word they still are ("Per Svensson").
 */
export const NAME_LIKE_WORDS: ReadonlySet<string> = new Set([
  "per",
  "bo",
  "sten",
  "björn",
  "ulf",
  "dag",
  "mark",
  "rut",
  "max",
  "sol",
  "vera",
  "alva",
  "iris",
  "siv",
  "gun",
  "inga",
  "ella",
  "moa",
  "stig",
  "rune",
  "ove",
  "kurt",
  "ola",
  "loke",
  "said",
  "amir",
  "karl",
  "hans",
  "lisa",
  "ann",
  "emil",
  "ellen",
  "signe",
  "saga",
  "frans",
  "otto",
  "arne",
]);

/** Endings that almost only Swedish surnames have (Svensson, Jonsdotter). */
export const STRONG_SURNAME_ENDINGS: readonly string[] = ["sson", "son", "sdotter"];

/** Words before a surname that say it is a person ("grannen Lindqvist", "familjen Åberg"). */
export const PERSON_CUES: ReadonlySet<string> = new Set([
  "grannen",
  "grannarna",
  "familjen",
  "herr",
  "fru",
  "hos",
  "killen",
  "tjejen",
  "mannen",
  "kvinnan",
  "pojken",
  "flickan",
  "heter",
  "kallas",
  "sonen",
  "dottern",
  "pappan",
  "mamman",
]);

/** Endings typical of Swedish surnames but also of place names (Åberg, Holmström; Killeberg, Hässleholm). */
export const SURNAME_ENDINGS: readonly string[] = [
  "sson",
  "son",
  "sdotter",
  "berg",
  "ström",
  "qvist",
  "kvist",
  "lund",
  "gren",
  "dahl",
  "strand",
  "holm",
  "blad",
  "lind",
  "stedt",
  "stam",
  "sköld",
  "rot",
];
