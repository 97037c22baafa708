/**
 * The console's words, Dutch first (DESIGN §2: the source's labels verbatim), English second.
 * A tiny in-house catalogue: `t(key, params)` looks a word up in the current language; `LangController`
 * re-renders its host when the language changes. The choice is kept in localStorage `inzage.lang`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuditAction, EndReason, ReviewStatus } from '../../shared/domain.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { CVTE_REFERRAL } from '../../shared/errors.ts';
import { CVTE_REFERRAL_EN, END_REASON_TEXT, REVIEW_STATUS_TEXT, errorText, type Lang } from '../../shared/i18n.ts';

const nl = {
  'app.name': 'Inzage',
  'app.tagline': 'Console',
  'app.loading': 'Bezig met laden…',
  'app.skip': 'Naar de inhoud',

  'lang.label': 'Taal',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'login.title': 'Inloggen',
  'login.intro': 'Log in met uw account als toezichthouder of beheerder.',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.failed': 'Gebruikersnaam of wachtwoord onjuist.',
  'login.expired': 'Uw sessie is verlopen. Log opnieuw in.',
  'login.loggedOut': 'U bent uitgelogd.',
  'login.brand': 'Console voor toezichthouders en beheerders',

  'password.title': 'Wachtwoord wijzigen',
  'password.intro': 'U logt voor het eerst in, of uw wachtwoord is opnieuw ingesteld. Kies een nieuw wachtwoord van minstens 10 tekens.',
  'password.current': 'Huidig wachtwoord',
  'password.new': 'Nieuw wachtwoord',
  'password.repeat': 'Herhaal nieuw wachtwoord',
  'password.submit': 'Wachtwoord wijzigen',
  'password.tooShort': 'Het nieuwe wachtwoord moet minstens 10 tekens hebben.',
  'password.mismatch': 'De nieuwe wachtwoorden zijn niet gelijk.',
  'password.same': 'Kies een ander wachtwoord dan het huidige.',
  'password.wrongCurrent': 'Het huidige wachtwoord is onjuist.',
  'password.hint': 'Minstens 10 tekens.',

  'nav.label': 'Hoofdmenu',
  'nav.groups': 'Afnamegroepen',
  'nav.kiosks': 'Kiosks',
  'nav.exams': 'Examens',
  'nav.import': 'Importeren',
  'nav.staff': 'Medewerkers',
  'nav.audit': 'Auditlog',
  'user.label': 'Ingelogd als',
  'role.admin': 'beheerder',
  'role.supervisor': 'toezichthouder',
  'logout': 'Uitloggen',

  'placeholder.text': 'Dit onderdeel volgt.',
  'forbidden.title': 'Geen toegang',
  'forbidden.text': 'Dit onderdeel is alleen voor beheerders.',
  'notfound.title': 'Pagina niet gevonden',
  'notfound.text': 'Deze pagina bestaat niet.',
  'notfound.back': 'Naar de afnamegroepen',

  'common.retry': 'Opnieuw proberen',
  'common.cancel': 'Annuleren',
  'common.save': 'Opslaan',
  'common.dismiss': 'Melding sluiten',
  'common.none': '—',

  'groups.title': 'Afnamegroepen',
  'groups.intro': 'Selecteer de afnamegroep en kies ‘Inzien examenresultaten’ voor een overzicht van de kandidaten en hun resultaten.',
  'groups.caption': 'Afnamegroepen',
  'groups.name': 'Afnamegroep en examen',
  'groups.date': 'Datum',
  'groups.count': 'Kandidaten',
  'groups.actions': 'Acties',
  'groups.view': 'Inzien examenresultaten',
  'groups.empty': 'Er zijn nog geen afnamegroepen. Een beheerder kan resultaten importeren.',

  'results.back': 'Terug naar de afnamegroepen',
  'results.caption': 'Kandidaten en resultaten',
  'results.status': 'Inzage',
  'results.window': 'Inzageperiode',
  'results.windowFromTo': '{from} tot {to}',
  'results.windowFrom': 'vanaf {from}',
  'results.windowTo': 'tot {to}',
  'results.windowAlways': 'geen beperking',
  'results.maxMinutes': 'Maximale duur',
  'results.minutes': '{n} minuten',
  'results.central': 'Centraal examen',
  'results.number': 'Examennummer',
  'results.name': 'Naam',
  'results.class': 'Klas',
  'results.score': 'Score',
  'results.grade': 'Cijfer',
  'results.review': 'Inzage',
  'results.open': 'Inzage',
  'results.running': 'Inzage loopt',
  'results.noSitting': 'Geen afname',
  'results.empty': 'Deze afnamegroep heeft geen kandidaten.',

  'sitting.back': 'Terug naar de resultaten',
  'sitting.backGroups': 'Terug naar de afnamegroepen',
  'sitting.candidate': 'Kandidaat {number}',
  'sitting.class': 'Klas {name}',
  'sitting.group': 'Afnamegroep',
  'sitting.date': 'Datum',
  'sitting.score': 'Score',
  'sitting.grade': 'Cijfer',
  'sitting.status': 'Inzage',
  'sitting.kiosk': 'Kiosk',
  'sitting.start': 'Start inzage',
  'sitting.busy': 'bezet',
  'sitting.offline': 'offline',
  'sitting.noKiosks': 'Er is geen kiosk gekoppeld. Een beheerder kan een kiosk koppelen onder ‘Kiosks’.',
  'sitting.noFreeKiosk': 'Er is nu geen vrije kiosk online.',
  'sitting.chosenBusy': '{kiosk} is nu bezet. Kies een andere kiosk.',
  'sitting.chosenOffline': '{kiosk} is nu offline. Kies een andere kiosk.',
  'sitting.choose': 'Kies een kiosk',
  'sitting.running': 'Inzage loopt op {kiosk}.',
  'sitting.started': 'De inzage loopt op {kiosk}. De kandidaat kan daar beginnen.',
  'sitting.candidateBusy': 'Voor deze kandidaat loopt al een inzage van een ander examen op {kiosk}.',
  'sitting.none': 'Deze kandidaat heeft geen afnames.',

  'active.title': 'Actieve inzages',
  'active.empty': 'Er lopen geen inzages.',
  'active.kiosk': 'Kiosk',
  'active.question': 'vraag {n} van {total}',
  'active.timeLeft': 'Resterende tijd',
  'active.approvedBy': 'Goedgekeurd door',
  'active.end': 'Beëindigen',
  'active.endLabel': 'Beëindigen: {candidate} op {kiosk}',
  'active.kioskOffline': 'kiosk offline',
  'active.ended': 'Inzage van {candidate} beëindigd: {reason}',
  'active.warning': 'Nog 5 minuten',
  'active.disconnected': 'Geen live verbinding met de server. Bezig met opnieuw verbinden…',
  'active.endFailed': 'Beëindigen mislukt: {message}',

  'kiosks.title': 'Kiosks',
  'kiosks.intro': 'Een kiosk is een gekoppelde browser waarop een kandidaat de inzage doet.',
  'kiosks.caption': 'Gekoppelde kiosks',
  'kiosks.name': 'Naam',
  'kiosks.status': 'Status',
  'kiosks.lastSeen': 'Laatst gezien',
  'kiosks.now': 'nu',
  'kiosks.actions': 'Acties',
  'kiosks.online': 'online',
  'kiosks.offline': 'offline',
  'kiosks.inReview': 'in inzage',
  'kiosks.inReviewOf': 'in inzage: {candidate}',
  'kiosks.empty': 'Er zijn nog geen kiosks gekoppeld.',
  'kiosks.pair': 'Kiosk koppelen',
  'kiosks.pairTitle': 'Nieuwe kiosk koppelen',
  'kiosks.pairIntro': 'Open de kiosk-pagina op de pc van het inzagestation. Die toont een koppelcode zoals ABC-123. Voer die code hier in met een naam voor het station.',
  'kiosks.code': 'Koppelcode',
  'kiosks.codeHint': 'Zes tekens, zoals ABC-123.',
  'kiosks.kioskName': 'Naam',
  'kiosks.kioskNameHint': 'Bijvoorbeeld ‘Station 3’.',
  'kiosks.submitPair': 'Koppelen',
  'kiosks.paired': 'Kiosk ‘{name}’ is gekoppeld.',
  'kiosks.rename': 'Hernoemen',
  'kiosks.renameTitle': 'Kiosk hernoemen',
  'kiosks.newName': 'Nieuwe naam',
  'kiosks.renamed': 'Kiosk ‘{old}’ heet nu ‘{name}’.',
  'kiosks.unpair': 'Ontkoppelen',
  'kiosks.unpairTitle': 'Kiosk ontkoppelen?',
  'kiosks.unpairText': '‘{name}’ wordt ontkoppeld en moet daarna opnieuw gekoppeld worden.',
  'kiosks.unpairRunning': 'Op deze kiosk loopt een inzage; die wordt beëindigd.',
  'kiosks.unpaired': 'Kiosk ‘{name}’ is ontkoppeld.',
  'kiosks.required': 'Vul dit veld in.',

  'error.network': 'Geen verbinding met de server. Probeer het opnieuw.',
  'error.load': 'Laden mislukt: {message}',

  'common.invalidList': 'De invoer is ongeldig:',

  'exams.title': 'Examens',
  'exams.intro': 'De examens en toetsen uit de import, met hun inzage-instellingen: of inzage is toegestaan, in welke periode, hoe lang, en of de antwoordsleutel en het correctievoorschrift getoond worden.',
  'exams.caption': 'Examens en inzage-instellingen',
  'exams.exam': 'Examen',
  'exams.review': 'Inzage',
  'exams.settings': 'Duur en tonen',
  'exams.minutes': 'max. {n} minuten',
  'exams.keyShown': 'antwoordsleutel: ja',
  'exams.keyHidden': 'antwoordsleutel: nee',
  'exams.schemeShown': 'correctievoorschrift: ja',
  'exams.schemeHidden': 'correctievoorschrift: nee',
  'exams.questions.one': '{n} vraag',
  'exams.questions.other': '{n} vragen',
  'exams.groups.one': '{n} afnamegroep',
  'exams.groups.other': '{n} afnamegroepen',
  'exams.actions': 'Acties',
  'exams.edit': 'Inzage-instellingen wijzigen',
  'exams.editLabel': 'Inzage-instellingen wijzigen: {title}',
  'exams.empty': 'Er zijn nog geen examens. Importeer eerst een bestand onder ‘Importeren’.',
  'exams.editTitle': 'Inzage-instellingen',
  'exams.editDialog': 'Inzage-instellingen: {title}',
  'exams.allowed': 'Inzage toegestaan',
  'exams.allowedHint': 'Zonder dit vinkje kan geen inzage starten, ook niet binnen de inzageperiode.',
  'exams.period': 'Inzageperiode',
  'exams.opensAt': 'Begin inzageperiode',
  'exams.closesAt': 'Einde inzageperiode',
  'exams.periodHint': 'Leeg laten: geen begin of geen einde. Tijden in de tijdzone van deze computer ({zone}).',
  'exams.maxMinutesLabel': 'Maximale duur (minuten)',
  'exams.maxMinutesHint': 'Van 5 tot 480 minuten per inzage.',
  'exams.showKey': 'Antwoordsleutel tonen',
  'exams.showKeyHint': 'Bij gesloten vragen kan de kandidaat de antwoordsleutel openen.',
  'exams.showScheme': 'Correctievoorschrift tonen',
  'exams.showSchemeHint': 'Bij open vragen kan de kandidaat het correctievoorschrift openen.',
  'exams.badDate': 'Vul een volledige datum en tijd in, of laat het veld leeg.',
  'exams.badMinutes': 'De maximale duur moet een heel getal van 5 tot 480 minuten zijn.',
  'exams.saved': 'De inzage-instellingen van ‘{title}’ zijn opgeslagen. Status: {status}.',
  'exams.unchanged': 'Er is niets gewijzigd.',

  'purge.title': 'Gegevens verwijderen',
  'purge.intro': 'Verwijder kandidaatgegevens volgens de bewaartermijn van de school: de afnames (antwoorden en scores), de afnamegroepen, en de kandidaten die daarna nergens meer voorkomen. De examens zelf blijven bestaan. Het auditlog houdt bij wie wat wanneer verwijderde, zonder antwoorden.',
  'purge.what': 'Wat verwijderen?',
  'purge.perExam': 'Per examen',
  'purge.perDate': 'Vóór datum',
  'purge.exam': 'Examen',
  'purge.chooseExam': 'Kies een examen',
  'purge.date': 'Datum',
  'purge.chooseDate': 'Kies een datum.',
  'purge.dateHint': 'Afnames ingeleverd vóór deze dag (00:00 in {zone}), en afnamegroepen die daarna leeg zijn.',
  'purge.dryRun': 'Proef',
  'purge.ofExam': '‘{title}’',
  'purge.beforeDate': 'vóór {date}',
  'purge.previewTitle': 'Proef: bij verwijderen van {what} gaat weg',
  'purge.nothing': 'Er is niets te verwijderen.',
  'purge.sittings': 'Afnames',
  'purge.groups': 'Afnamegroepen',
  'purge.candidates': 'Kandidaten',
  'purge.delete': 'Verwijderen',
  'purge.confirmTitle': 'Gegevens definitief verwijderen?',
  'purge.confirmText': 'De kandidaatgegevens van {what} worden definitief verwijderd:',
  'purge.confirmWarn': 'Dit kan niet ongedaan worden gemaakt. Loopt er een inzage van een van deze afnames, dan wordt die beëindigd.',
  'purge.done': 'De gegevens van {what} zijn verwijderd.',

  'import.title': 'Importeren',
  'import.intro': 'Importeer examens, kandidaten, afnamegroepen en afnames uit een importbestand (inzage/v1, JSON). Het bestand wordt eerst gecontroleerd; pas na ‘Importeren’ wordt er iets opgeslagen. Een bestand dat al geïmporteerd is, kan opnieuw: bestaande gegevens worden bijgewerkt.',
  'import.pickTitle': 'Bestand kiezen',
  'import.file.label': 'Importbestand',
  'import.fileHint': 'Een JSON-bestand van hoogstens 64 MB.',
  'import.reading': 'Het bestand wordt gelezen…',
  'import.uploading': 'Bezig met uploaden… {percent}%',
  'import.checking': 'De server controleert het bestand…',
  'import.applying': 'De server importeert het bestand…',
  'import.tooLarge': 'Dit bestand is groter dan {mb} MB en kan niet worden geïmporteerd.',
  'import.unreadable': 'Dit bestand kan niet worden gelezen.',
  'import.notJson': 'Dit bestand is geen geldige JSON (regel {line}, kolom {column}). Er is niets opgeslagen.',
  'import.unexpected': 'regel {line}, kolom {column}: onverwacht teken ‘{char}’',
  'import.endsEarly': 'regel {line}, kolom {column}: het bestand houdt te vroeg op',
  'import.invalid': 'Het importbestand bevat {n} fout(en). Er is niets opgeslagen.',
  'import.file': 'Bestand: {file}',
  'import.more': '… en nog {n}. Los eerst deze op en probeer het opnieuw.',
  'import.again': 'Ander bestand kiezen',
  'import.checkedTitle': 'Controle geslaagd',
  'import.checkedText': '‘{file}’ is gecontroleerd en kan worden geïmporteerd. Er is nog niets opgeslagen.',
  'import.nothingNew': 'Alles in dit bestand is al geïmporteerd: importeren verandert niets.',
  'import.countsDry': 'Wat de import zal veranderen',
  'import.countsDone': 'Wat de import heeft veranderd',
  'import.kind': 'Soort',
  'import.kind.exams': 'Examens',
  'import.kind.candidates': 'Kandidaten',
  'import.kind.groups': 'Afnamegroepen',
  'import.kind.sittings': 'Afnames',
  'import.added': 'Nieuw',
  'import.updated': 'Bijgewerkt',
  'import.unchanged': 'Ongewijzigd',
  'import.removed': 'Verwijderd',
  'import.noWarnings': 'Geen waarschuwingen.',
  'import.warnings': 'Waarschuwingen ({n})',
  'import.warningsIntro': 'Deze punten houden de import niet tegen; de geïmporteerde scores blijven zoals ze zijn. Controleer ze wel.',
  'import.apply': 'Importeren',
  'import.doneTitle': 'Geïmporteerd',
  'import.doneText': '‘{file}’ is geïmporteerd.',
  'import.another': 'Nog een bestand importeren',

  'staff.title': 'Medewerkers',
  'staff.intro': 'De accounts van toezichthouders en beheerders. Een nieuw account krijgt een eenmalig wachtwoord; bij de eerste keer inloggen kiest de medewerker een eigen wachtwoord.',
  'staff.caption': 'Medewerkers',
  'staff.username': 'Gebruikersnaam',
  'staff.usernameHint': 'Kleine letters, cijfers, punt, _ of -; 2 tot 40 tekens.',
  'staff.name': 'Naam',
  'staff.nameHint': 'Zoals collega’s die kennen, bijvoorbeeld ‘J. de Boer’.',
  'staff.role': 'Rol',
  'staff.role.admin': 'Beheerder',
  'staff.role.supervisor': 'Toezichthouder',
  'staff.state': 'Status',
  'staff.state.active': 'Actief',
  'staff.state.disabled': 'Uitgeschakeld',
  'staff.mustChange': 'Moet wachtwoord wijzigen',
  'staff.person': 'Naam en gebruikersnaam',
  'staff.actions': 'Acties',
  'staff.you': '(u)',
  'staff.add': 'Medewerker toevoegen',
  'staff.addIntro': 'Het systeem maakt een eenmalig wachtwoord aan. U ziet het één keer, om het persoonlijk over te dragen.',
  'staff.submitAdd': 'Toevoegen',
  'staff.badUsername': 'Gebruikersnaam: alleen kleine letters, cijfers, punt, _ of -; 2 tot 40 tekens.',
  'staff.exists': 'Er is al een medewerker met de gebruikersnaam ‘{username}’.',
  'staff.added': '{name} ({username}) is toegevoegd.',
  'staff.secretTitle': 'Eenmalig wachtwoord voor {name}',
  'staff.secretLabel': 'Eenmalig wachtwoord',
  'staff.secretCreated': 'Geef dit wachtwoord persoonlijk aan {name}, met de gebruikersnaam ‘{username}’. Bij de eerste keer inloggen kiest {name} een eigen wachtwoord.',
  'staff.secretReset': 'Het oude wachtwoord van {name} werkt niet meer. Geef dit wachtwoord persoonlijk aan {name} (‘{username}’); bij het inloggen kiest {name} een nieuw eigen wachtwoord.',
  'staff.secretOnce': 'Dit wachtwoord wordt maar één keer getoond en is daarna niet meer op te vragen.',
  'staff.secretDone': 'Ik heb het wachtwoord overgedragen',
  'staff.disable': 'Uitschakelen',
  'staff.disableLabel': 'Uitschakelen: {who}',
  'staff.enable': 'Inschakelen',
  'staff.enableLabel': 'Inschakelen: {who}',
  'staff.reset': 'Wachtwoord resetten',
  'staff.resetLabel': 'Wachtwoord resetten: {who}',
  'staff.disableTitle': 'Medewerker uitschakelen?',
  'staff.disableText': '{name} ({username}) kan daarna niet meer inloggen, tot een beheerder het account weer inschakelt.',
  'staff.disableEffects': '{name} wordt meteen overal uitgelogd, en de inzages die {name} heeft goedgekeurd worden beëindigd.',
  'staff.running.one': 'Er loopt nu {n} inzage die {name} heeft goedgekeurd.',
  'staff.running.other': 'Er lopen nu {n} inzages die {name} heeft goedgekeurd.',
  'staff.resetTitle': 'Wachtwoord resetten?',
  'staff.resetText': '{name} ({username}) krijgt een nieuw eenmalig wachtwoord en wordt meteen overal uitgelogd. Het huidige wachtwoord werkt daarna niet meer.',
  'staff.self': 'Dit is uw eigen account: u wordt zelf ook uitgelogd.',
  'staff.disabled': '{name} is uitgeschakeld en uitgelogd.',
  'staff.enabled': '{name} is weer ingeschakeld.',
  'staff.resetDone': 'Het wachtwoord van {name} is gereset.',

  'audit.title': 'Auditlog',
  'audit.intro': 'Wie deed wat, en wanneer: inloggen, inzages, kiosks, imports, instellingen en verwijderingen. Het log kan alleen groeien; elke regel is met de vorige verbonden, zodat een gat of een wijziging opvalt.',
  'audit.filterTitle': 'Filter',
  'audit.from': 'Van',
  'audit.to': 'Tot',
  'audit.action': 'Actie',
  'audit.all': 'Alle',
  'audit.actor': 'Medewerker',
  'audit.actorHint': 'De gebruikersnaam, precies.',
  'audit.apply': 'Filteren',
  'audit.clear': 'Wissen',
  'audit.badRange': '‘Tot’ ligt vóór ‘Van’.',
  'audit.verified': 'Keten gecontroleerd: in orde',
  'audit.verifiedText': 'Er ontbreekt geen regel en er is geen regel gewijzigd.',
  'audit.broken': 'Keten verbroken bij regel {line}',
  'audit.brokenText': 'Vanaf deze regel is het auditlog niet meer betrouwbaar: een regel is verwijderd of gewijzigd. Bewaar het bestand en meld dit.',
  'audit.csv': 'Exporteren als CSV',
  'audit.caption': 'Gebeurtenissen',
  'audit.count': '({n})',
  'audit.countMore': '({n}, er zijn er meer)',
  'audit.older': 'Oudere gebeurtenissen laden',
  'audit.empty': 'Geen gebeurtenissen met dit filter.',
  'audit.seq': 'Nr.',
  'audit.at': 'Tijd',
  'audit.target': 'Doel',
  'audit.details': 'Details',
  'audit.action.auth.login': 'Ingelogd',
  'audit.action.auth.login-failed': 'Inloggen mislukt',
  'audit.action.auth.logout': 'Uitgelogd',
  'audit.action.auth.password-changed': 'Wachtwoord gewijzigd',
  'audit.action.kiosk.paired': 'Kiosk gekoppeld',
  'audit.action.kiosk.renamed': 'Kiosk hernoemd',
  'audit.action.kiosk.unpaired': 'Kiosk ontkoppeld',
  'audit.action.review.started': 'Inzage gestart',
  'audit.action.review.ended': 'Inzage beëindigd',
  'audit.action.review.revealed': 'Sleutel of voorschrift bekeken',
  'audit.action.import.applied': 'Import verwerkt',
  'audit.action.exam.review-changed': 'Inzage-instellingen gewijzigd',
  'audit.action.user.created': 'Medewerker toegevoegd',
  'audit.action.user.disabled': 'Medewerker uitgeschakeld',
  'audit.action.user.enabled': 'Medewerker ingeschakeld',
  'audit.action.user.password-reset': 'Wachtwoord gereset',
  'audit.action.data.purged': 'Gegevens verwijderd',
} as const;

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'app.name': 'Inzage',
  'app.tagline': 'Console',
  'app.loading': 'Loading…',
  'app.skip': 'Skip to content',

  'lang.label': 'Language',
  'lang.nl': 'Nederlands',
  'lang.en': 'English',

  'login.title': 'Log in',
  'login.intro': 'Log in with your supervisor or administrator account.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Wrong username or password.',
  'login.expired': 'Your session has expired. Please log in again.',
  'login.loggedOut': 'You are logged out.',
  'login.brand': 'Console for supervisors and administrators',

  'password.title': 'Change password',
  'password.intro': 'This is your first login, or your password was reset. Choose a new password of at least 10 characters.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.repeat': 'Repeat new password',
  'password.submit': 'Change password',
  'password.tooShort': 'The new password must have at least 10 characters.',
  'password.mismatch': 'The new passwords do not match.',
  'password.same': 'Choose a password different from the current one.',
  'password.wrongCurrent': 'The current password is wrong.',
  'password.hint': 'At least 10 characters.',

  'nav.label': 'Main menu',
  'nav.groups': 'Groups',
  'nav.kiosks': 'Kiosks',
  'nav.exams': 'Exams',
  'nav.import': 'Import',
  'nav.staff': 'Staff',
  'nav.audit': 'Audit log',
  'user.label': 'Logged in as',
  'role.admin': 'administrator',
  'role.supervisor': 'supervisor',
  'logout': 'Log out',

  'placeholder.text': 'This section is coming.',
  'forbidden.title': 'No access',
  'forbidden.text': 'This section is for administrators only.',
  'notfound.title': 'Page not found',
  'notfound.text': 'This page does not exist.',
  'notfound.back': 'To the groups',

  'common.retry': 'Try again',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.dismiss': 'Dismiss notice',
  'common.none': '—',

  'groups.title': 'Groups',
  'groups.intro': 'Select the group and choose ‘View exam results’ for an overview of its candidates and their results.',
  'groups.caption': 'Groups',
  'groups.name': 'Group and exam',
  'groups.date': 'Date',
  'groups.count': 'Candidates',
  'groups.actions': 'Actions',
  'groups.view': 'View exam results',
  'groups.empty': 'There are no groups yet. An administrator can import results.',

  'results.back': 'Back to the groups',
  'results.caption': 'Candidates and results',
  'results.status': 'Review',
  'results.window': 'Review period',
  'results.windowFromTo': '{from} to {to}',
  'results.windowFrom': 'from {from}',
  'results.windowTo': 'until {to}',
  'results.windowAlways': 'no limit',
  'results.maxMinutes': 'Maximum duration',
  'results.minutes': '{n} minutes',
  'results.central': 'Central exam',
  'results.number': 'Exam number',
  'results.name': 'Name',
  'results.class': 'Class',
  'results.score': 'Score',
  'results.grade': 'Grade',
  'results.review': 'Review',
  'results.open': 'Review',
  'results.running': 'Review running',
  'results.noSitting': 'No sitting',
  'results.empty': 'This group has no candidates.',

  'sitting.back': 'Back to the results',
  'sitting.backGroups': 'Back to the groups',
  'sitting.candidate': 'Candidate {number}',
  'sitting.class': 'Class {name}',
  'sitting.group': 'Group',
  'sitting.date': 'Date',
  'sitting.score': 'Score',
  'sitting.grade': 'Grade',
  'sitting.status': 'Review',
  'sitting.kiosk': 'Kiosk',
  'sitting.start': 'Start review',
  'sitting.busy': 'busy',
  'sitting.offline': 'offline',
  'sitting.noKiosks': 'No kiosk is paired. An administrator can pair one under ‘Kiosks’.',
  'sitting.noFreeKiosk': 'No free kiosk is online right now.',
  'sitting.chosenBusy': '{kiosk} is busy now. Choose another kiosk.',
  'sitting.chosenOffline': '{kiosk} is offline now. Choose another kiosk.',
  'sitting.choose': 'Choose a kiosk',
  'sitting.running': 'Review running on {kiosk}.',
  'sitting.started': 'The review is running on {kiosk}. The candidate can begin there.',
  'sitting.candidateBusy': 'A review of another exam is already running for this candidate on {kiosk}.',
  'sitting.none': 'This candidate has no sittings.',

  'active.title': 'Active reviews',
  'active.empty': 'No reviews are running.',
  'active.kiosk': 'Kiosk',
  'active.question': 'question {n} of {total}',
  'active.timeLeft': 'Time left',
  'active.approvedBy': 'Approved by',
  'active.end': 'End',
  'active.endLabel': 'End: {candidate} on {kiosk}',
  'active.kioskOffline': 'kiosk offline',
  'active.ended': 'Review of {candidate} ended: {reason}',
  'active.warning': '5 minutes left',
  'active.disconnected': 'No live connection to the server. Reconnecting…',
  'active.endFailed': 'Ending failed: {message}',

  'kiosks.title': 'Kiosks',
  'kiosks.intro': 'A kiosk is a paired browser on which a candidate does the review.',
  'kiosks.caption': 'Paired kiosks',
  'kiosks.name': 'Name',
  'kiosks.status': 'Status',
  'kiosks.lastSeen': 'Last seen',
  'kiosks.now': 'now',
  'kiosks.actions': 'Actions',
  'kiosks.online': 'online',
  'kiosks.offline': 'offline',
  'kiosks.inReview': 'in review',
  'kiosks.inReviewOf': 'in review: {candidate}',
  'kiosks.empty': 'No kiosks are paired yet.',
  'kiosks.pair': 'Pair kiosk',
  'kiosks.pairTitle': 'Pair a new kiosk',
  'kiosks.pairIntro': 'Open the kiosk page on the review station PC. It shows a pairing code such as ABC-123. Enter that code here with a name for the station.',
  'kiosks.code': 'Pairing code',
  'kiosks.codeHint': 'Six characters, such as ABC-123.',
  'kiosks.kioskName': 'Name',
  'kiosks.kioskNameHint': 'For example ‘Station 3’.',
  'kiosks.submitPair': 'Pair',
  'kiosks.paired': 'Kiosk ‘{name}’ is paired.',
  'kiosks.rename': 'Rename',
  'kiosks.renameTitle': 'Rename kiosk',
  'kiosks.newName': 'New name',
  'kiosks.renamed': 'Kiosk ‘{old}’ is now called ‘{name}’.',
  'kiosks.unpair': 'Unpair',
  'kiosks.unpairTitle': 'Unpair kiosk?',
  'kiosks.unpairText': '‘{name}’ will be unpaired and must then be paired again.',
  'kiosks.unpairRunning': 'A review is running on this kiosk; it will be ended.',
  'kiosks.unpaired': 'Kiosk ‘{name}’ is unpaired.',
  'kiosks.required': 'Fill in this field.',

  'error.network': 'No connection to the server. Please try again.',
  'error.load': 'Loading failed: {message}',

  'common.invalidList': 'The input is invalid:',

  'exams.title': 'Exams',
  'exams.intro': 'The exams and tests from the import, with their review settings: whether review is allowed, in which period, for how long, and whether the answer key and the marking scheme are shown.',
  'exams.caption': 'Exams and review settings',
  'exams.exam': 'Exam',
  'exams.review': 'Review',
  'exams.settings': 'Duration and shown',
  'exams.minutes': 'max. {n} minutes',
  'exams.keyShown': 'answer key: yes',
  'exams.keyHidden': 'answer key: no',
  'exams.schemeShown': 'marking scheme: yes',
  'exams.schemeHidden': 'marking scheme: no',
  'exams.questions.one': '{n} question',
  'exams.questions.other': '{n} questions',
  'exams.groups.one': '{n} group',
  'exams.groups.other': '{n} groups',
  'exams.actions': 'Actions',
  'exams.edit': 'Change review settings',
  'exams.editLabel': 'Change review settings: {title}',
  'exams.empty': 'There are no exams yet. Import a file first under ‘Import’.',
  'exams.editTitle': 'Review settings',
  'exams.editDialog': 'Review settings: {title}',
  'exams.allowed': 'Review allowed',
  'exams.allowedHint': 'Without this tick no review can start, not even within the review period.',
  'exams.period': 'Review period',
  'exams.opensAt': 'Start of review period',
  'exams.closesAt': 'End of review period',
  'exams.periodHint': 'Leave empty: no start or no end. Times in the time zone of this computer ({zone}).',
  'exams.maxMinutesLabel': 'Maximum duration (minutes)',
  'exams.maxMinutesHint': 'From 5 to 480 minutes per review.',
  'exams.showKey': 'Show answer key',
  'exams.showKeyHint': 'On closed questions the candidate can open the answer key.',
  'exams.showScheme': 'Show marking scheme',
  'exams.showSchemeHint': 'On open questions the candidate can open the marking scheme.',
  'exams.badDate': 'Enter a complete date and time, or leave the field empty.',
  'exams.badMinutes': 'The maximum duration must be a whole number from 5 to 480 minutes.',
  'exams.saved': 'The review settings of ‘{title}’ are saved. Status: {status}.',
  'exams.unchanged': 'Nothing was changed.',

  'purge.title': 'Purge data',
  'purge.intro': 'Remove candidate data according to the school’s retention period: the sittings (answers and scores), the groups, and the candidates no longer referenced anywhere. The exams themselves stay. The audit log records who removed what and when, without answers.',
  'purge.what': 'What to remove?',
  'purge.perExam': 'Per exam',
  'purge.perDate': 'Before date',
  'purge.exam': 'Exam',
  'purge.chooseExam': 'Choose an exam',
  'purge.date': 'Date',
  'purge.chooseDate': 'Choose a date.',
  'purge.dateHint': 'Sittings submitted before this day (00:00 in {zone}), and groups left empty by that.',
  'purge.dryRun': 'Dry run',
  'purge.ofExam': '‘{title}’',
  'purge.beforeDate': 'before {date}',
  'purge.previewTitle': 'Dry run: removing {what} would delete',
  'purge.nothing': 'There is nothing to remove.',
  'purge.sittings': 'Sittings',
  'purge.groups': 'Groups',
  'purge.candidates': 'Candidates',
  'purge.delete': 'Remove',
  'purge.confirmTitle': 'Remove the data for good?',
  'purge.confirmText': 'The candidate data of {what} will be removed for good:',
  'purge.confirmWarn': 'This cannot be undone. A review running for one of these sittings will be ended.',
  'purge.done': 'The data of {what} has been removed.',

  'import.title': 'Import',
  'import.intro': 'Import exams, candidates, groups and sittings from an import file (inzage/v1, JSON). The file is checked first; nothing is saved until ‘Import’. A file imported before can be imported again: existing data is updated.',
  'import.pickTitle': 'Choose a file',
  'import.file.label': 'Import file',
  'import.fileHint': 'A JSON file of at most 64 MB.',
  'import.reading': 'Reading the file…',
  'import.uploading': 'Uploading… {percent}%',
  'import.checking': 'The server is checking the file…',
  'import.applying': 'The server is importing the file…',
  'import.tooLarge': 'This file is larger than {mb} MB and cannot be imported.',
  'import.unreadable': 'This file cannot be read.',
  'import.notJson': 'This file is not valid JSON (line {line}, column {column}). Nothing was saved.',
  'import.unexpected': 'line {line}, column {column}: unexpected character ‘{char}’',
  'import.endsEarly': 'line {line}, column {column}: the file ends too soon',
  'import.invalid': 'The import file has {n} error(s). Nothing was saved.',
  'import.file': 'File: {file}',
  'import.more': '… and {n} more. Fix these first and try again.',
  'import.again': 'Choose another file',
  'import.checkedTitle': 'Check passed',
  'import.checkedText': '‘{file}’ has been checked and can be imported. Nothing has been saved yet.',
  'import.nothingNew': 'Everything in this file has been imported already: importing changes nothing.',
  'import.countsDry': 'What the import will change',
  'import.countsDone': 'What the import changed',
  'import.kind': 'Kind',
  'import.kind.exams': 'Exams',
  'import.kind.candidates': 'Candidates',
  'import.kind.groups': 'Groups',
  'import.kind.sittings': 'Sittings',
  'import.added': 'New',
  'import.updated': 'Updated',
  'import.unchanged': 'Unchanged',
  'import.removed': 'Removed',
  'import.noWarnings': 'No warnings.',
  'import.warnings': 'Warnings ({n})',
  'import.warningsIntro': 'These do not stop the import; the imported scores stay as they are. Do check them.',
  'import.apply': 'Import',
  'import.doneTitle': 'Imported',
  'import.doneText': '‘{file}’ has been imported.',
  'import.another': 'Import another file',

  'staff.title': 'Staff',
  'staff.intro': 'The accounts of supervisors and administrators. A new account gets a one-time password; at the first login the staff member chooses their own.',
  'staff.caption': 'Staff',
  'staff.username': 'Username',
  'staff.usernameHint': 'Lowercase letters, digits, dot, _ or -; 2 to 40 characters.',
  'staff.name': 'Name',
  'staff.nameHint': 'As colleagues know them, for example ‘J. de Boer’.',
  'staff.role': 'Role',
  'staff.role.admin': 'Administrator',
  'staff.role.supervisor': 'Supervisor',
  'staff.state': 'Status',
  'staff.state.active': 'Active',
  'staff.state.disabled': 'Disabled',
  'staff.mustChange': 'Must change password',
  'staff.person': 'Name and username',
  'staff.actions': 'Actions',
  'staff.you': '(you)',
  'staff.add': 'Add staff member',
  'staff.addIntro': 'The system creates a one-time password. You see it once, to hand it over in person.',
  'staff.submitAdd': 'Add',
  'staff.badUsername': 'Username: only lowercase letters, digits, dot, _ or -; 2 to 40 characters.',
  'staff.exists': 'A staff member with the username ‘{username}’ exists already.',
  'staff.added': '{name} ({username}) has been added.',
  'staff.secretTitle': 'One-time password for {name}',
  'staff.secretLabel': 'One-time password',
  'staff.secretCreated': 'Hand this password to {name} in person, with the username ‘{username}’. At the first login {name} chooses their own password.',
  'staff.secretReset': 'The old password of {name} no longer works. Hand this password to {name} (‘{username}’) in person; at login {name} chooses a new password.',
  'staff.secretOnce': 'This password is shown only once and cannot be retrieved later.',
  'staff.secretDone': 'I have handed over the password',
  'staff.disable': 'Disable',
  'staff.disableLabel': 'Disable: {who}',
  'staff.enable': 'Enable',
  'staff.enableLabel': 'Enable: {who}',
  'staff.reset': 'Reset password',
  'staff.resetLabel': 'Reset password: {who}',
  'staff.disableTitle': 'Disable staff member?',
  'staff.disableText': '{name} ({username}) can then no longer log in, until an administrator enables the account again.',
  'staff.disableEffects': '{name} is logged out everywhere at once, and the reviews {name} approved are ended.',
  'staff.running.one': '{n} review approved by {name} is running now.',
  'staff.running.other': '{n} reviews approved by {name} are running now.',
  'staff.resetTitle': 'Reset password?',
  'staff.resetText': '{name} ({username}) gets a new one-time password and is logged out everywhere at once. The current password then no longer works.',
  'staff.self': 'This is your own account: you will be logged out as well.',
  'staff.disabled': '{name} has been disabled and logged out.',
  'staff.enabled': '{name} has been enabled again.',
  'staff.resetDone': 'The password of {name} has been reset.',

  'audit.title': 'Audit log',
  'audit.intro': 'Who did what, and when: logins, reviews, kiosks, imports, settings and purges. The log can only grow; every line is linked to the one before, so a gap or a change stands out.',
  'audit.filterTitle': 'Filter',
  'audit.from': 'From',
  'audit.to': 'To',
  'audit.action': 'Action',
  'audit.all': 'All',
  'audit.actor': 'Staff member',
  'audit.actorHint': 'The exact username.',
  'audit.apply': 'Filter',
  'audit.clear': 'Clear',
  'audit.badRange': '‘To’ is before ‘From’.',
  'audit.verified': 'Chain verified: intact',
  'audit.verifiedText': 'No line is missing and no line was changed.',
  'audit.broken': 'Chain broken at line {line}',
  'audit.brokenText': 'From this line on the audit log can no longer be trusted: a line was removed or changed. Keep the file and report this.',
  'audit.csv': 'Export as CSV',
  'audit.caption': 'Events',
  'audit.count': '({n})',
  'audit.countMore': '({n}, more available)',
  'audit.older': 'Load older events',
  'audit.empty': 'No events match this filter.',
  'audit.seq': 'No.',
  'audit.at': 'Time',
  'audit.target': 'Target',
  'audit.details': 'Details',
  'audit.action.auth.login': 'Logged in',
  'audit.action.auth.login-failed': 'Login failed',
  'audit.action.auth.logout': 'Logged out',
  'audit.action.auth.password-changed': 'Password changed',
  'audit.action.kiosk.paired': 'Kiosk paired',
  'audit.action.kiosk.renamed': 'Kiosk renamed',
  'audit.action.kiosk.unpaired': 'Kiosk unpaired',
  'audit.action.review.started': 'Review started',
  'audit.action.review.ended': 'Review ended',
  'audit.action.review.revealed': 'Key or scheme viewed',
  'audit.action.import.applied': 'Import applied',
  'audit.action.exam.review-changed': 'Review settings changed',
  'audit.action.user.created': 'Staff member added',
  'audit.action.user.disabled': 'Staff member disabled',
  'audit.action.user.enabled': 'Staff member enabled',
  'audit.action.user.password-reset': 'Password reset',
  'audit.action.data.purged': 'Data purged',
};

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { nl, en };
const STORAGE_KEY = 'inzage.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // storage may be unavailable (privacy mode); Dutch is the default anyway
  }
  return 'nl';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

/** `t('active.question', { n: 3, total: 12 })` → "vraag 3 van 12" */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = CATALOGUE[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Re-renders its host when the language changes; the listener lives as long as the element is connected. */
export class LangController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    listeners.add(this.update);
  }
  hostDisconnected() {
    listeners.delete(this.update);
  }
}

// ---------- words from shared/ ----------

export function reviewStatusText(status: ReviewStatus): string {
  return REVIEW_STATUS_TEXT[current][status];
}

export function endReasonText(reason: EndReason): string {
  return END_REASON_TEXT[current][reason] ?? reason;
}

// Every audit action has its words in the catalogue: a new action in shared/ fails to compile here.
type AuditActionKey = `audit.action.${AuditAction}`;
const auditKeysComplete: AuditActionKey extends MessageKey ? true : never = true;
void auditKeysComplete;

/** An audit action in words ('Inzage gestart'); an action the catalogue does not know stays as it is. */
export function auditActionText(action: string): string {
  const key = `audit.action.${action}`;
  return key in nl ? t(key as MessageKey) : action;
}

/** For central exams an expired window refers the candidate to the CvTE (source page). */
export function cvteReferral(): string {
  return current === 'nl' ? CVTE_REFERRAL : CVTE_REFERRAL_EN;
}

/** An error in words: the server's Dutch message in Dutch, the English text otherwise. */
export function errorMessage(err: { code: ErrorCode | 'network'; message: string }): string {
  if (err.code === 'network') return t('error.network');
  return errorText(err.code, current, err.message);
}

// ---------- numbers and dates ----------

const locale = () => (current === 'nl' ? 'nl-NL' : 'en-GB');

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n);
}

/** Dutch grades have one decimal: 6,4 */
export function formatGrade(n: number | null): string {
  if (n === null) return t('common.none');
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** "11 / 20" */
export function formatScore(score: number | null, max: number | null): string {
  if (score === null || max === null) return t('common.none');
  return `${formatNumber(score)} / ${formatNumber(max)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}


/** Day and time with seconds, apart, for the audit log: { day: "14-06-2026", time: "10:02:31" } */
export function formatDayAndTime(iso: string): { day: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { day: iso, time: '' };
  return {
    day: new Intl.DateTimeFormat(locale(), { dateStyle: 'short' }).format(d),
    time: new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(d),
  };
}
